package dev.kanto.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ServiceConfigs reads the gRPC service configs that ship with the SDK: the call policy (per-method
 * timeouts and retry policies) declared once per service next to the schema, in {@code
 * proto/kanto/<service>/v1/service_config.json}, and copied by {@code make generate} into the SDK's
 * classpath at {@code dev/kanto/serviceconfig/<service>.json}.
 *
 * <p>{@link KantoClient} gives each channel its service's config as the default service config, so
 * the SDKs of every language apply the same timeouts and retries.
 */
public final class ServiceConfigs {
  private static final String RESOURCE_DIR = "/dev/kanto/serviceconfig/";

  private ServiceConfigs() {}

  /** Returns the Pokédex's service config, in the form grpc-java takes. */
  public static Map<String, ?> pokedex() {
    return load("pokedex.json");
  }

  /** Returns the route planner's service config, in the form grpc-java takes. */
  public static Map<String, ?> routePlanner() {
    return load("routeplanner.json");
  }

  /** Returns the expedition planner's service config, in the form grpc-java takes. */
  public static Map<String, ?> expedition() {
    return load("expedition.json");
  }

  /**
   * Loads {@code dev/kanto/serviceconfig/<fileName>} from the classpath and converts it into the
   * untyped tree {@code ManagedChannelBuilder.defaultServiceConfig} wants: maps, lists, strings,
   * booleans and {@link Double} numbers.
   *
   * @throws IllegalStateException if the resource is missing or is not a JSON object
   */
  public static Map<String, ?> load(String fileName) {
    String path = RESOURCE_DIR + fileName;
    try (InputStream in = ServiceConfigs.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("service config " + path + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("read service config " + path, e);
    }
  }

  /**
   * Parses a service config JSON document into the tree grpc-java takes.
   *
   * @throws IllegalStateException if the text is not a JSON object
   */
  public static Map<String, ?> parse(String json) {
    Struct.Builder struct = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, struct);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("service config is not a JSON object: " + e.getMessage(), e);
    }
    return toMap(struct.build());
  }

  private static Map<String, Object> toMap(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((k, v) -> out.put(k, toJava(v)));
    return Collections.unmodifiableMap(out);
  }

  private static Object toJava(Value v) {
    return switch (v.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case NUMBER_VALUE -> v.getNumberValue(); // a Double, as grpc-java requires
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case STRUCT_VALUE -> toMap(v.getStructValue());
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>();
        for (Value e : v.getListValue().getValuesList()) {
          list.add(toJava(e));
        }
        yield Collections.unmodifiableList(list);
      }
    };
  }
}
