package dev.kanto.routeplanner.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * RoutePlannerService finds routes between places of the Kanto map and
 * guides travellers along them.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class RoutePlannerServiceGrpc {

  private RoutePlannerServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "kanto.routeplanner.v1.RoutePlannerService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.GetRoutesRequest,
      dev.kanto.routeplanner.v1.GetRoutesResponse> getGetRoutesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetRoutes",
      requestType = dev.kanto.routeplanner.v1.GetRoutesRequest.class,
      responseType = dev.kanto.routeplanner.v1.GetRoutesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.GetRoutesRequest,
      dev.kanto.routeplanner.v1.GetRoutesResponse> getGetRoutesMethod() {
    io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.GetRoutesRequest, dev.kanto.routeplanner.v1.GetRoutesResponse> getGetRoutesMethod;
    if ((getGetRoutesMethod = RoutePlannerServiceGrpc.getGetRoutesMethod) == null) {
      synchronized (RoutePlannerServiceGrpc.class) {
        if ((getGetRoutesMethod = RoutePlannerServiceGrpc.getGetRoutesMethod) == null) {
          RoutePlannerServiceGrpc.getGetRoutesMethod = getGetRoutesMethod =
              io.grpc.MethodDescriptor.<dev.kanto.routeplanner.v1.GetRoutesRequest, dev.kanto.routeplanner.v1.GetRoutesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetRoutes"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.GetRoutesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.GetRoutesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RoutePlannerServiceMethodDescriptorSupplier("GetRoutes"))
              .build();
        }
      }
    }
    return getGetRoutesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.WatchRoutesRequest,
      dev.kanto.routeplanner.v1.WatchRoutesResponse> getWatchRoutesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchRoutes",
      requestType = dev.kanto.routeplanner.v1.WatchRoutesRequest.class,
      responseType = dev.kanto.routeplanner.v1.WatchRoutesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.WatchRoutesRequest,
      dev.kanto.routeplanner.v1.WatchRoutesResponse> getWatchRoutesMethod() {
    io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.WatchRoutesRequest, dev.kanto.routeplanner.v1.WatchRoutesResponse> getWatchRoutesMethod;
    if ((getWatchRoutesMethod = RoutePlannerServiceGrpc.getWatchRoutesMethod) == null) {
      synchronized (RoutePlannerServiceGrpc.class) {
        if ((getWatchRoutesMethod = RoutePlannerServiceGrpc.getWatchRoutesMethod) == null) {
          RoutePlannerServiceGrpc.getWatchRoutesMethod = getWatchRoutesMethod =
              io.grpc.MethodDescriptor.<dev.kanto.routeplanner.v1.WatchRoutesRequest, dev.kanto.routeplanner.v1.WatchRoutesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchRoutes"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.WatchRoutesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.WatchRoutesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RoutePlannerServiceMethodDescriptorSupplier("WatchRoutes"))
              .build();
        }
      }
    }
    return getWatchRoutesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.RecordTripRequest,
      dev.kanto.routeplanner.v1.RecordTripResponse> getRecordTripMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RecordTrip",
      requestType = dev.kanto.routeplanner.v1.RecordTripRequest.class,
      responseType = dev.kanto.routeplanner.v1.RecordTripResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
  public static io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.RecordTripRequest,
      dev.kanto.routeplanner.v1.RecordTripResponse> getRecordTripMethod() {
    io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.RecordTripRequest, dev.kanto.routeplanner.v1.RecordTripResponse> getRecordTripMethod;
    if ((getRecordTripMethod = RoutePlannerServiceGrpc.getRecordTripMethod) == null) {
      synchronized (RoutePlannerServiceGrpc.class) {
        if ((getRecordTripMethod = RoutePlannerServiceGrpc.getRecordTripMethod) == null) {
          RoutePlannerServiceGrpc.getRecordTripMethod = getRecordTripMethod =
              io.grpc.MethodDescriptor.<dev.kanto.routeplanner.v1.RecordTripRequest, dev.kanto.routeplanner.v1.RecordTripResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RecordTrip"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.RecordTripRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.RecordTripResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RoutePlannerServiceMethodDescriptorSupplier("RecordTrip"))
              .build();
        }
      }
    }
    return getRecordTripMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.NavigateRequest,
      dev.kanto.routeplanner.v1.NavigateResponse> getNavigateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Navigate",
      requestType = dev.kanto.routeplanner.v1.NavigateRequest.class,
      responseType = dev.kanto.routeplanner.v1.NavigateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.NavigateRequest,
      dev.kanto.routeplanner.v1.NavigateResponse> getNavigateMethod() {
    io.grpc.MethodDescriptor<dev.kanto.routeplanner.v1.NavigateRequest, dev.kanto.routeplanner.v1.NavigateResponse> getNavigateMethod;
    if ((getNavigateMethod = RoutePlannerServiceGrpc.getNavigateMethod) == null) {
      synchronized (RoutePlannerServiceGrpc.class) {
        if ((getNavigateMethod = RoutePlannerServiceGrpc.getNavigateMethod) == null) {
          RoutePlannerServiceGrpc.getNavigateMethod = getNavigateMethod =
              io.grpc.MethodDescriptor.<dev.kanto.routeplanner.v1.NavigateRequest, dev.kanto.routeplanner.v1.NavigateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Navigate"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.NavigateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.routeplanner.v1.NavigateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new RoutePlannerServiceMethodDescriptorSupplier("Navigate"))
              .build();
        }
      }
    }
    return getNavigateMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static RoutePlannerServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceStub>() {
        @java.lang.Override
        public RoutePlannerServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RoutePlannerServiceStub(channel, callOptions);
        }
      };
    return RoutePlannerServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static RoutePlannerServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceBlockingV2Stub>() {
        @java.lang.Override
        public RoutePlannerServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RoutePlannerServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return RoutePlannerServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static RoutePlannerServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceBlockingStub>() {
        @java.lang.Override
        public RoutePlannerServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RoutePlannerServiceBlockingStub(channel, callOptions);
        }
      };
    return RoutePlannerServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static RoutePlannerServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<RoutePlannerServiceFutureStub>() {
        @java.lang.Override
        public RoutePlannerServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new RoutePlannerServiceFutureStub(channel, callOptions);
        }
      };
    return RoutePlannerServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * RoutePlannerService finds routes between places of the Kanto map and
   * guides travellers along them.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * GetRoutes returns up to max_routes loopless alternative routes from
     * origin to destination, shortest first. NOT_FOUND if a place is unknown
     * or no route connects them under current conditions.
     * </pre>
     */
    default void getRoutes(dev.kanto.routeplanner.v1.GetRoutesRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.GetRoutesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetRoutesMethod(), responseObserver);
    }

    /**
     * <pre>
     * WatchRoutes streams the best route now, then a new best route whenever
     * route conditions (closures, congestion) change it. The stream runs
     * until max_updates routes were sent, the client cancels, or its
     * deadline passes.
     * </pre>
     */
    default void watchRoutes(dev.kanto.routeplanner.v1.WatchRoutesRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.WatchRoutesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchRoutesMethod(), responseObserver);
    }

    /**
     * <pre>
     * RecordTrip takes a stream of timed locations and, when the client
     * closes it, returns the trip's distance, duration and the places
     * visited.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.RecordTripRequest> recordTrip(
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.RecordTripResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getRecordTripMethod(), responseObserver);
    }

    /**
     * <pre>
     * Navigate answers every location the traveller sends with the next
     * instruction, and reroutes when the traveller leaves the route.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.NavigateRequest> navigate(
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.NavigateResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getNavigateMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service RoutePlannerService.
   * <pre>
   * RoutePlannerService finds routes between places of the Kanto map and
   * guides travellers along them.
   * </pre>
   */
  public static abstract class RoutePlannerServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return RoutePlannerServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service RoutePlannerService.
   * <pre>
   * RoutePlannerService finds routes between places of the Kanto map and
   * guides travellers along them.
   * </pre>
   */
  public static final class RoutePlannerServiceStub
      extends io.grpc.stub.AbstractAsyncStub<RoutePlannerServiceStub> {
    private RoutePlannerServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RoutePlannerServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RoutePlannerServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetRoutes returns up to max_routes loopless alternative routes from
     * origin to destination, shortest first. NOT_FOUND if a place is unknown
     * or no route connects them under current conditions.
     * </pre>
     */
    public void getRoutes(dev.kanto.routeplanner.v1.GetRoutesRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.GetRoutesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetRoutesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * WatchRoutes streams the best route now, then a new best route whenever
     * route conditions (closures, congestion) change it. The stream runs
     * until max_updates routes were sent, the client cancels, or its
     * deadline passes.
     * </pre>
     */
    public void watchRoutes(dev.kanto.routeplanner.v1.WatchRoutesRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.WatchRoutesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchRoutesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RecordTrip takes a stream of timed locations and, when the client
     * closes it, returns the trip's distance, duration and the places
     * visited.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.RecordTripRequest> recordTrip(
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.RecordTripResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncClientStreamingCall(
          getChannel().newCall(getRecordTripMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Navigate answers every location the traveller sends with the next
     * instruction, and reroutes when the traveller leaves the route.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.NavigateRequest> navigate(
        io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.NavigateResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getNavigateMethod(), getCallOptions()), responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service RoutePlannerService.
   * <pre>
   * RoutePlannerService finds routes between places of the Kanto map and
   * guides travellers along them.
   * </pre>
   */
  public static final class RoutePlannerServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<RoutePlannerServiceBlockingV2Stub> {
    private RoutePlannerServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RoutePlannerServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RoutePlannerServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * GetRoutes returns up to max_routes loopless alternative routes from
     * origin to destination, shortest first. NOT_FOUND if a place is unknown
     * or no route connects them under current conditions.
     * </pre>
     */
    public dev.kanto.routeplanner.v1.GetRoutesResponse getRoutes(dev.kanto.routeplanner.v1.GetRoutesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetRoutesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * WatchRoutes streams the best route now, then a new best route whenever
     * route conditions (closures, congestion) change it. The stream runs
     * until max_updates routes were sent, the client cancels, or its
     * deadline passes.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.kanto.routeplanner.v1.WatchRoutesResponse>
        watchRoutes(dev.kanto.routeplanner.v1.WatchRoutesRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchRoutesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RecordTrip takes a stream of timed locations and, when the client
     * closes it, returns the trip's distance, duration and the places
     * visited.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.kanto.routeplanner.v1.RecordTripRequest, dev.kanto.routeplanner.v1.RecordTripResponse>
        recordTrip() {
      return io.grpc.stub.ClientCalls.blockingClientStreamingCall(
          getChannel(), getRecordTripMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Navigate answers every location the traveller sends with the next
     * instruction, and reroutes when the traveller leaves the route.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.kanto.routeplanner.v1.NavigateRequest, dev.kanto.routeplanner.v1.NavigateResponse>
        navigate() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getNavigateMethod(), getCallOptions());
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service RoutePlannerService.
   * <pre>
   * RoutePlannerService finds routes between places of the Kanto map and
   * guides travellers along them.
   * </pre>
   */
  public static final class RoutePlannerServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<RoutePlannerServiceBlockingStub> {
    private RoutePlannerServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RoutePlannerServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RoutePlannerServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetRoutes returns up to max_routes loopless alternative routes from
     * origin to destination, shortest first. NOT_FOUND if a place is unknown
     * or no route connects them under current conditions.
     * </pre>
     */
    public dev.kanto.routeplanner.v1.GetRoutesResponse getRoutes(dev.kanto.routeplanner.v1.GetRoutesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetRoutesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * WatchRoutes streams the best route now, then a new best route whenever
     * route conditions (closures, congestion) change it. The stream runs
     * until max_updates routes were sent, the client cancels, or its
     * deadline passes.
     * </pre>
     */
    public java.util.Iterator<dev.kanto.routeplanner.v1.WatchRoutesResponse> watchRoutes(
        dev.kanto.routeplanner.v1.WatchRoutesRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchRoutesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service RoutePlannerService.
   * <pre>
   * RoutePlannerService finds routes between places of the Kanto map and
   * guides travellers along them.
   * </pre>
   */
  public static final class RoutePlannerServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<RoutePlannerServiceFutureStub> {
    private RoutePlannerServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected RoutePlannerServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new RoutePlannerServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetRoutes returns up to max_routes loopless alternative routes from
     * origin to destination, shortest first. NOT_FOUND if a place is unknown
     * or no route connects them under current conditions.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.routeplanner.v1.GetRoutesResponse> getRoutes(
        dev.kanto.routeplanner.v1.GetRoutesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetRoutesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_ROUTES = 0;
  private static final int METHODID_WATCH_ROUTES = 1;
  private static final int METHODID_RECORD_TRIP = 2;
  private static final int METHODID_NAVIGATE = 3;

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
        case METHODID_GET_ROUTES:
          serviceImpl.getRoutes((dev.kanto.routeplanner.v1.GetRoutesRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.GetRoutesResponse>) responseObserver);
          break;
        case METHODID_WATCH_ROUTES:
          serviceImpl.watchRoutes((dev.kanto.routeplanner.v1.WatchRoutesRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.WatchRoutesResponse>) responseObserver);
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
        case METHODID_RECORD_TRIP:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.recordTrip(
              (io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.RecordTripResponse>) responseObserver);
        case METHODID_NAVIGATE:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.navigate(
              (io.grpc.stub.StreamObserver<dev.kanto.routeplanner.v1.NavigateResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getGetRoutesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.routeplanner.v1.GetRoutesRequest,
              dev.kanto.routeplanner.v1.GetRoutesResponse>(
                service, METHODID_GET_ROUTES)))
        .addMethod(
          getWatchRoutesMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.kanto.routeplanner.v1.WatchRoutesRequest,
              dev.kanto.routeplanner.v1.WatchRoutesResponse>(
                service, METHODID_WATCH_ROUTES)))
        .addMethod(
          getRecordTripMethod(),
          io.grpc.stub.ServerCalls.asyncClientStreamingCall(
            new MethodHandlers<
              dev.kanto.routeplanner.v1.RecordTripRequest,
              dev.kanto.routeplanner.v1.RecordTripResponse>(
                service, METHODID_RECORD_TRIP)))
        .addMethod(
          getNavigateMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.kanto.routeplanner.v1.NavigateRequest,
              dev.kanto.routeplanner.v1.NavigateResponse>(
                service, METHODID_NAVIGATE)))
        .build();
  }

  private static abstract class RoutePlannerServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    RoutePlannerServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.kanto.routeplanner.v1.RoutePlannerServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("RoutePlannerService");
    }
  }

  private static final class RoutePlannerServiceFileDescriptorSupplier
      extends RoutePlannerServiceBaseDescriptorSupplier {
    RoutePlannerServiceFileDescriptorSupplier() {}
  }

  private static final class RoutePlannerServiceMethodDescriptorSupplier
      extends RoutePlannerServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    RoutePlannerServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (RoutePlannerServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new RoutePlannerServiceFileDescriptorSupplier())
              .addMethod(getGetRoutesMethod())
              .addMethod(getWatchRoutesMethod())
              .addMethod(getRecordTripMethod())
              .addMethod(getNavigateMethod())
              .build();
        }
      }
    }
    return result;
  }
}
