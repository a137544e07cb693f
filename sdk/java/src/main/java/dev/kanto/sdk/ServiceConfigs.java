package dev.kanto.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ServiceConfigs converts a gRPC service config from its JSON text, as the generated code embeds it
 * ({@link ServiceInfo#serviceConfig()}), into the untyped tree {@code
 * ManagedChannelBuilder.defaultServiceConfig} takes: maps, lists, strings, booleans and {@link
 * Double} numbers. {@link KantoChannels} gives each channel its service's config this way, so the
 * SDKs of every language apply the same timeouts and retries.
 */
public final class ServiceConfigs {
  private ServiceConfigs() {}

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
