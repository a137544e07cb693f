package dev.kanto.expedition.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * ExpeditionService plans expeditions: routes between two places with the
 * Pokémon likely to be met along each. It calls RoutePlannerService and
 * PokemonService over the network within the caller's deadline; when the
 * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ExpeditionServiceGrpc {

  private ExpeditionServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "kanto.expedition.v1.ExpeditionService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.kanto.expedition.v1.PlanExpeditionRequest,
      dev.kanto.expedition.v1.PlanExpeditionResponse> getPlanExpeditionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PlanExpedition",
      requestType = dev.kanto.expedition.v1.PlanExpeditionRequest.class,
      responseType = dev.kanto.expedition.v1.PlanExpeditionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.expedition.v1.PlanExpeditionRequest,
      dev.kanto.expedition.v1.PlanExpeditionResponse> getPlanExpeditionMethod() {
    io.grpc.MethodDescriptor<dev.kanto.expedition.v1.PlanExpeditionRequest, dev.kanto.expedition.v1.PlanExpeditionResponse> getPlanExpeditionMethod;
    if ((getPlanExpeditionMethod = ExpeditionServiceGrpc.getPlanExpeditionMethod) == null) {
      synchronized (ExpeditionServiceGrpc.class) {
        if ((getPlanExpeditionMethod = ExpeditionServiceGrpc.getPlanExpeditionMethod) == null) {
          ExpeditionServiceGrpc.getPlanExpeditionMethod = getPlanExpeditionMethod =
              io.grpc.MethodDescriptor.<dev.kanto.expedition.v1.PlanExpeditionRequest, dev.kanto.expedition.v1.PlanExpeditionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PlanExpedition"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.expedition.v1.PlanExpeditionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.expedition.v1.PlanExpeditionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExpeditionServiceMethodDescriptorSupplier("PlanExpedition"))
              .build();
        }
      }
    }
    return getPlanExpeditionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.expedition.v1.StreamExpeditionRequest,
      dev.kanto.expedition.v1.StreamExpeditionResponse> getStreamExpeditionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StreamExpedition",
      requestType = dev.kanto.expedition.v1.StreamExpeditionRequest.class,
      responseType = dev.kanto.expedition.v1.StreamExpeditionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.kanto.expedition.v1.StreamExpeditionRequest,
      dev.kanto.expedition.v1.StreamExpeditionResponse> getStreamExpeditionMethod() {
    io.grpc.MethodDescriptor<dev.kanto.expedition.v1.StreamExpeditionRequest, dev.kanto.expedition.v1.StreamExpeditionResponse> getStreamExpeditionMethod;
    if ((getStreamExpeditionMethod = ExpeditionServiceGrpc.getStreamExpeditionMethod) == null) {
      synchronized (ExpeditionServiceGrpc.class) {
        if ((getStreamExpeditionMethod = ExpeditionServiceGrpc.getStreamExpeditionMethod) == null) {
          ExpeditionServiceGrpc.getStreamExpeditionMethod = getStreamExpeditionMethod =
              io.grpc.MethodDescriptor.<dev.kanto.expedition.v1.StreamExpeditionRequest, dev.kanto.expedition.v1.StreamExpeditionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StreamExpedition"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.expedition.v1.StreamExpeditionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.expedition.v1.StreamExpeditionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExpeditionServiceMethodDescriptorSupplier("StreamExpedition"))
              .build();
        }
      }
    }
    return getStreamExpeditionMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ExpeditionServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceStub>() {
        @java.lang.Override
        public ExpeditionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExpeditionServiceStub(channel, callOptions);
        }
      };
    return ExpeditionServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ExpeditionServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceBlockingV2Stub>() {
        @java.lang.Override
        public ExpeditionServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExpeditionServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ExpeditionServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ExpeditionServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceBlockingStub>() {
        @java.lang.Override
        public ExpeditionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExpeditionServiceBlockingStub(channel, callOptions);
        }
      };
    return ExpeditionServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ExpeditionServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExpeditionServiceFutureStub>() {
        @java.lang.Override
        public ExpeditionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExpeditionServiceFutureStub(channel, callOptions);
        }
      };
    return ExpeditionServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * ExpeditionService plans expeditions: routes between two places with the
   * Pokémon likely to be met along each. It calls RoutePlannerService and
   * PokemonService over the network within the caller's deadline; when the
   * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * PlanExpedition returns every planned route with its likely encounters,
     * once all are known.
     * </pre>
     */
    default void planExpedition(dev.kanto.expedition.v1.PlanExpeditionRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.expedition.v1.PlanExpeditionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPlanExpeditionMethod(), responseObserver);
    }

    /**
     * <pre>
     * StreamExpedition streams each route's plan as soon as its encounters are
     * known, so the first result arrives before the slowest.
     * </pre>
     */
    default void streamExpedition(dev.kanto.expedition.v1.StreamExpeditionRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.expedition.v1.StreamExpeditionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStreamExpeditionMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ExpeditionService.
   * <pre>
   * ExpeditionService plans expeditions: routes between two places with the
   * Pokémon likely to be met along each. It calls RoutePlannerService and
   * PokemonService over the network within the caller's deadline; when the
   * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
   * </pre>
   */
  public static abstract class ExpeditionServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ExpeditionServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ExpeditionService.
   * <pre>
   * ExpeditionService plans expeditions: routes between two places with the
   * Pokémon likely to be met along each. It calls RoutePlannerService and
   * PokemonService over the network within the caller's deadline; when the
   * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
   * </pre>
   */
  public static final class ExpeditionServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ExpeditionServiceStub> {
    private ExpeditionServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExpeditionServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExpeditionServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * PlanExpedition returns every planned route with its likely encounters,
     * once all are known.
     * </pre>
     */
    public void planExpedition(dev.kanto.expedition.v1.PlanExpeditionRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.expedition.v1.PlanExpeditionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPlanExpeditionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * StreamExpedition streams each route's plan as soon as its encounters are
     * known, so the first result arrives before the slowest.
     * </pre>
     */
    public void streamExpedition(dev.kanto.expedition.v1.StreamExpeditionRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.expedition.v1.StreamExpeditionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getStreamExpeditionMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ExpeditionService.
   * <pre>
   * ExpeditionService plans expeditions: routes between two places with the
   * Pokémon likely to be met along each. It calls RoutePlannerService and
   * PokemonService over the network within the caller's deadline; when the
   * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
   * </pre>
   */
  public static final class ExpeditionServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ExpeditionServiceBlockingV2Stub> {
    private ExpeditionServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExpeditionServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExpeditionServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * PlanExpedition returns every planned route with its likely encounters,
     * once all are known.
     * </pre>
     */
    public dev.kanto.expedition.v1.PlanExpeditionResponse planExpedition(dev.kanto.expedition.v1.PlanExpeditionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPlanExpeditionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * StreamExpedition streams each route's plan as soon as its encounters are
     * known, so the first result arrives before the slowest.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.kanto.expedition.v1.StreamExpeditionResponse>
        streamExpedition(dev.kanto.expedition.v1.StreamExpeditionRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getStreamExpeditionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ExpeditionService.
   * <pre>
   * ExpeditionService plans expeditions: routes between two places with the
   * Pokémon likely to be met along each. It calls RoutePlannerService and
   * PokemonService over the network within the caller's deadline; when the
   * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
   * </pre>
   */
  public static final class ExpeditionServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ExpeditionServiceBlockingStub> {
    private ExpeditionServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExpeditionServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExpeditionServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * PlanExpedition returns every planned route with its likely encounters,
     * once all are known.
     * </pre>
     */
    public dev.kanto.expedition.v1.PlanExpeditionResponse planExpedition(dev.kanto.expedition.v1.PlanExpeditionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPlanExpeditionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * StreamExpedition streams each route's plan as soon as its encounters are
     * known, so the first result arrives before the slowest.
     * </pre>
     */
    public java.util.Iterator<dev.kanto.expedition.v1.StreamExpeditionResponse> streamExpedition(
        dev.kanto.expedition.v1.StreamExpeditionRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getStreamExpeditionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ExpeditionService.
   * <pre>
   * ExpeditionService plans expeditions: routes between two places with the
   * Pokémon likely to be met along each. It calls RoutePlannerService and
   * PokemonService over the network within the caller's deadline; when the
   * remaining budget is too small it fails fast with DEADLINE_EXCEEDED.
   * </pre>
   */
  public static final class ExpeditionServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ExpeditionServiceFutureStub> {
    private ExpeditionServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExpeditionServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExpeditionServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * PlanExpedition returns every planned route with its likely encounters,
     * once all are known.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.expedition.v1.PlanExpeditionResponse> planExpedition(
        dev.kanto.expedition.v1.PlanExpeditionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPlanExpeditionMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_PLAN_EXPEDITION = 0;
  private static final int METHODID_STREAM_EXPEDITION = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_PLAN_EXPEDITION:
          serviceImpl.planExpedition((dev.kanto.expedition.v1.PlanExpeditionRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.expedition.v1.PlanExpeditionResponse>) responseObserver);
          break;
        case METHODID_STREAM_EXPEDITION:
          serviceImpl.streamExpedition((dev.kanto.expedition.v1.StreamExpeditionRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.expedition.v1.StreamExpeditionResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getPlanExpeditionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.expedition.v1.PlanExpeditionRequest,
              dev.kanto.expedition.v1.PlanExpeditionResponse>(
                service, METHODID_PLAN_EXPEDITION)))
        .addMethod(
          getStreamExpeditionMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.kanto.expedition.v1.StreamExpeditionRequest,
              dev.kanto.expedition.v1.StreamExpeditionResponse>(
                service, METHODID_STREAM_EXPEDITION)))
        .build();
  }

  private static abstract class ExpeditionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ExpeditionServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.kanto.expedition.v1.ExpeditionServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ExpeditionService");
    }
  }

  private static final class ExpeditionServiceFileDescriptorSupplier
      extends ExpeditionServiceBaseDescriptorSupplier {
    ExpeditionServiceFileDescriptorSupplier() {}
  }

  private static final class ExpeditionServiceMethodDescriptorSupplier
      extends ExpeditionServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ExpeditionServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ExpeditionServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ExpeditionServiceFileDescriptorSupplier())
              .addMethod(getPlanExpeditionMethod())
              .addMethod(getStreamExpeditionMethod())
              .build();
        }
      }
    }
    return result;
  }
}
