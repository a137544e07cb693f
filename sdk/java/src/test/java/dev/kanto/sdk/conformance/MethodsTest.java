package dev.kanto.sdk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodsTest {
  @Test
  void everyRpcOfTheSchemaHasAnSdkMethod() {
    List<String> rpcs = new ArrayList<>();
    for (ServiceDescriptor s : Methods.SERVICES) {
      for (MethodDescriptor<?, ?> m : s.getMethods()) {
        rpcs.add(m.getFullMethodName());
      }
    }
    assertEquals(rpcs.stream().sorted().toList(), Methods.ALL.keySet().stream().sorted().toList());
  }
}
