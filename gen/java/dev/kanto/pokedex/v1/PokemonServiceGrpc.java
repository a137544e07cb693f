package dev.kanto.pokedex.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
 * API. Reads are public; writes need a curator bearer token and answer
 * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class PokemonServiceGrpc {

  private PokemonServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "kanto.pokedex.v1.PokemonService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.GetPokemonRequest,
      dev.kanto.pokedex.v1.GetPokemonResponse> getGetPokemonMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPokemon",
      requestType = dev.kanto.pokedex.v1.GetPokemonRequest.class,
      responseType = dev.kanto.pokedex.v1.GetPokemonResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.GetPokemonRequest,
      dev.kanto.pokedex.v1.GetPokemonResponse> getGetPokemonMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.GetPokemonRequest, dev.kanto.pokedex.v1.GetPokemonResponse> getGetPokemonMethod;
    if ((getGetPokemonMethod = PokemonServiceGrpc.getGetPokemonMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getGetPokemonMethod = PokemonServiceGrpc.getGetPokemonMethod) == null) {
          PokemonServiceGrpc.getGetPokemonMethod = getGetPokemonMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.GetPokemonRequest, dev.kanto.pokedex.v1.GetPokemonResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPokemon"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.GetPokemonRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.GetPokemonResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("GetPokemon"))
              .build();
        }
      }
    }
    return getGetPokemonMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.ListPokemonRequest,
      dev.kanto.pokedex.v1.ListPokemonResponse> getListPokemonMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListPokemon",
      requestType = dev.kanto.pokedex.v1.ListPokemonRequest.class,
      responseType = dev.kanto.pokedex.v1.ListPokemonResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.ListPokemonRequest,
      dev.kanto.pokedex.v1.ListPokemonResponse> getListPokemonMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.ListPokemonRequest, dev.kanto.pokedex.v1.ListPokemonResponse> getListPokemonMethod;
    if ((getListPokemonMethod = PokemonServiceGrpc.getListPokemonMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getListPokemonMethod = PokemonServiceGrpc.getListPokemonMethod) == null) {
          PokemonServiceGrpc.getListPokemonMethod = getListPokemonMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.ListPokemonRequest, dev.kanto.pokedex.v1.ListPokemonResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListPokemon"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.ListPokemonRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.ListPokemonResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("ListPokemon"))
              .build();
        }
      }
    }
    return getListPokemonMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.BatchGetPokemonRequest,
      dev.kanto.pokedex.v1.BatchGetPokemonResponse> getBatchGetPokemonMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "BatchGetPokemon",
      requestType = dev.kanto.pokedex.v1.BatchGetPokemonRequest.class,
      responseType = dev.kanto.pokedex.v1.BatchGetPokemonResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.BatchGetPokemonRequest,
      dev.kanto.pokedex.v1.BatchGetPokemonResponse> getBatchGetPokemonMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.BatchGetPokemonRequest, dev.kanto.pokedex.v1.BatchGetPokemonResponse> getBatchGetPokemonMethod;
    if ((getBatchGetPokemonMethod = PokemonServiceGrpc.getBatchGetPokemonMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getBatchGetPokemonMethod = PokemonServiceGrpc.getBatchGetPokemonMethod) == null) {
          PokemonServiceGrpc.getBatchGetPokemonMethod = getBatchGetPokemonMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.BatchGetPokemonRequest, dev.kanto.pokedex.v1.BatchGetPokemonResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "BatchGetPokemon"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.BatchGetPokemonRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.BatchGetPokemonResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("BatchGetPokemon"))
              .build();
        }
      }
    }
    return getBatchGetPokemonMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.CreatePokemonRequest,
      dev.kanto.pokedex.v1.CreatePokemonResponse> getCreatePokemonMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreatePokemon",
      requestType = dev.kanto.pokedex.v1.CreatePokemonRequest.class,
      responseType = dev.kanto.pokedex.v1.CreatePokemonResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.CreatePokemonRequest,
      dev.kanto.pokedex.v1.CreatePokemonResponse> getCreatePokemonMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.CreatePokemonRequest, dev.kanto.pokedex.v1.CreatePokemonResponse> getCreatePokemonMethod;
    if ((getCreatePokemonMethod = PokemonServiceGrpc.getCreatePokemonMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getCreatePokemonMethod = PokemonServiceGrpc.getCreatePokemonMethod) == null) {
          PokemonServiceGrpc.getCreatePokemonMethod = getCreatePokemonMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.CreatePokemonRequest, dev.kanto.pokedex.v1.CreatePokemonResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreatePokemon"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.CreatePokemonRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.CreatePokemonResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("CreatePokemon"))
              .build();
        }
      }
    }
    return getCreatePokemonMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.UpdatePokemonRequest,
      dev.kanto.pokedex.v1.UpdatePokemonResponse> getUpdatePokemonMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdatePokemon",
      requestType = dev.kanto.pokedex.v1.UpdatePokemonRequest.class,
      responseType = dev.kanto.pokedex.v1.UpdatePokemonResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.UpdatePokemonRequest,
      dev.kanto.pokedex.v1.UpdatePokemonResponse> getUpdatePokemonMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.UpdatePokemonRequest, dev.kanto.pokedex.v1.UpdatePokemonResponse> getUpdatePokemonMethod;
    if ((getUpdatePokemonMethod = PokemonServiceGrpc.getUpdatePokemonMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getUpdatePokemonMethod = PokemonServiceGrpc.getUpdatePokemonMethod) == null) {
          PokemonServiceGrpc.getUpdatePokemonMethod = getUpdatePokemonMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.UpdatePokemonRequest, dev.kanto.pokedex.v1.UpdatePokemonResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdatePokemon"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.UpdatePokemonRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.UpdatePokemonResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("UpdatePokemon"))
              .build();
        }
      }
    }
    return getUpdatePokemonMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.DeletePokemonRequest,
      dev.kanto.pokedex.v1.DeletePokemonResponse> getDeletePokemonMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeletePokemon",
      requestType = dev.kanto.pokedex.v1.DeletePokemonRequest.class,
      responseType = dev.kanto.pokedex.v1.DeletePokemonResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.DeletePokemonRequest,
      dev.kanto.pokedex.v1.DeletePokemonResponse> getDeletePokemonMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.DeletePokemonRequest, dev.kanto.pokedex.v1.DeletePokemonResponse> getDeletePokemonMethod;
    if ((getDeletePokemonMethod = PokemonServiceGrpc.getDeletePokemonMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getDeletePokemonMethod = PokemonServiceGrpc.getDeletePokemonMethod) == null) {
          PokemonServiceGrpc.getDeletePokemonMethod = getDeletePokemonMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.DeletePokemonRequest, dev.kanto.pokedex.v1.DeletePokemonResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeletePokemon"))
              .setIdempotent(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.DeletePokemonRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.DeletePokemonResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("DeletePokemon"))
              .build();
        }
      }
    }
    return getDeletePokemonMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.ListEncountersRequest,
      dev.kanto.pokedex.v1.ListEncountersResponse> getListEncountersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListEncounters",
      requestType = dev.kanto.pokedex.v1.ListEncountersRequest.class,
      responseType = dev.kanto.pokedex.v1.ListEncountersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.ListEncountersRequest,
      dev.kanto.pokedex.v1.ListEncountersResponse> getListEncountersMethod() {
    io.grpc.MethodDescriptor<dev.kanto.pokedex.v1.ListEncountersRequest, dev.kanto.pokedex.v1.ListEncountersResponse> getListEncountersMethod;
    if ((getListEncountersMethod = PokemonServiceGrpc.getListEncountersMethod) == null) {
      synchronized (PokemonServiceGrpc.class) {
        if ((getListEncountersMethod = PokemonServiceGrpc.getListEncountersMethod) == null) {
          PokemonServiceGrpc.getListEncountersMethod = getListEncountersMethod =
              io.grpc.MethodDescriptor.<dev.kanto.pokedex.v1.ListEncountersRequest, dev.kanto.pokedex.v1.ListEncountersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListEncounters"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.ListEncountersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.kanto.pokedex.v1.ListEncountersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new PokemonServiceMethodDescriptorSupplier("ListEncounters"))
              .build();
        }
      }
    }
    return getListEncountersMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static PokemonServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PokemonServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PokemonServiceStub>() {
        @java.lang.Override
        public PokemonServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PokemonServiceStub(channel, callOptions);
        }
      };
    return PokemonServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static PokemonServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PokemonServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PokemonServiceBlockingV2Stub>() {
        @java.lang.Override
        public PokemonServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PokemonServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return PokemonServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static PokemonServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PokemonServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PokemonServiceBlockingStub>() {
        @java.lang.Override
        public PokemonServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PokemonServiceBlockingStub(channel, callOptions);
        }
      };
    return PokemonServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static PokemonServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PokemonServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PokemonServiceFutureStub>() {
        @java.lang.Override
        public PokemonServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PokemonServiceFutureStub(channel, callOptions);
        }
      };
    return PokemonServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
   * API. Reads are public; writes need a curator bearer token and answer
   * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * GetPokemon returns one species by its national Pokédex number, or
     * NOT_FOUND.
     * </pre>
     */
    default void getPokemon(dev.kanto.pokedex.v1.GetPokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.GetPokemonResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPokemonMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListPokemon returns one page of species in ascending id order, optionally
     * filtered by type and rarity. Follow next_page_token to read every page;
     * the order is stable across pages.
     * </pre>
     */
    default void listPokemon(dev.kanto.pokedex.v1.ListPokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.ListPokemonResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListPokemonMethod(), responseObserver);
    }

    /**
     * <pre>
     * BatchGetPokemon returns several species at once, in the order asked. If
     * any id does not exist the whole call fails with NOT_FOUND.
     * </pre>
     */
    default void batchGetPokemon(dev.kanto.pokedex.v1.BatchGetPokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.BatchGetPokemonResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getBatchGetPokemonMethod(), responseObserver);
    }

    /**
     * <pre>
     * CreatePokemon adds a species (curators only). ALREADY_EXISTS if the id or
     * the name is taken. A retry carrying the same request_id returns the
     * species created by the first attempt instead of failing or duplicating.
     * </pre>
     */
    default void createPokemon(dev.kanto.pokedex.v1.CreatePokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.CreatePokemonResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreatePokemonMethod(), responseObserver);
    }

    /**
     * <pre>
     * UpdatePokemon changes the fields named in update_mask (curators only);
     * an empty mask changes every writable field. NOT_FOUND if the species
     * does not exist.
     * </pre>
     */
    default void updatePokemon(dev.kanto.pokedex.v1.UpdatePokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.UpdatePokemonResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdatePokemonMethod(), responseObserver);
    }

    /**
     * <pre>
     * DeletePokemon removes a species and its encounters (curators only), or
     * answers NOT_FOUND.
     * </pre>
     */
    default void deletePokemon(dev.kanto.pokedex.v1.DeletePokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.DeletePokemonResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeletePokemonMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListEncounters returns the species that can be met at the given places
     * of the Kanto map, ordered by place as asked, then by encounter rate.
     * </pre>
     */
    default void listEncounters(dev.kanto.pokedex.v1.ListEncountersRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.ListEncountersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListEncountersMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service PokemonService.
   * <pre>
   * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
   * API. Reads are public; writes need a curator bearer token and answer
   * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
   * </pre>
   */
  public static abstract class PokemonServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return PokemonServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service PokemonService.
   * <pre>
   * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
   * API. Reads are public; writes need a curator bearer token and answer
   * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
   * </pre>
   */
  public static final class PokemonServiceStub
      extends io.grpc.stub.AbstractAsyncStub<PokemonServiceStub> {
    private PokemonServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PokemonServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PokemonServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetPokemon returns one species by its national Pokédex number, or
     * NOT_FOUND.
     * </pre>
     */
    public void getPokemon(dev.kanto.pokedex.v1.GetPokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.GetPokemonResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPokemonMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListPokemon returns one page of species in ascending id order, optionally
     * filtered by type and rarity. Follow next_page_token to read every page;
     * the order is stable across pages.
     * </pre>
     */
    public void listPokemon(dev.kanto.pokedex.v1.ListPokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.ListPokemonResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListPokemonMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * BatchGetPokemon returns several species at once, in the order asked. If
     * any id does not exist the whole call fails with NOT_FOUND.
     * </pre>
     */
    public void batchGetPokemon(dev.kanto.pokedex.v1.BatchGetPokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.BatchGetPokemonResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getBatchGetPokemonMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * CreatePokemon adds a species (curators only). ALREADY_EXISTS if the id or
     * the name is taken. A retry carrying the same request_id returns the
     * species created by the first attempt instead of failing or duplicating.
     * </pre>
     */
    public void createPokemon(dev.kanto.pokedex.v1.CreatePokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.CreatePokemonResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreatePokemonMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UpdatePokemon changes the fields named in update_mask (curators only);
     * an empty mask changes every writable field. NOT_FOUND if the species
     * does not exist.
     * </pre>
     */
    public void updatePokemon(dev.kanto.pokedex.v1.UpdatePokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.UpdatePokemonResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdatePokemonMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * DeletePokemon removes a species and its encounters (curators only), or
     * answers NOT_FOUND.
     * </pre>
     */
    public void deletePokemon(dev.kanto.pokedex.v1.DeletePokemonRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.DeletePokemonResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeletePokemonMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListEncounters returns the species that can be met at the given places
     * of the Kanto map, ordered by place as asked, then by encounter rate.
     * </pre>
     */
    public void listEncounters(dev.kanto.pokedex.v1.ListEncountersRequest request,
        io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.ListEncountersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListEncountersMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service PokemonService.
   * <pre>
   * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
   * API. Reads are public; writes need a curator bearer token and answer
   * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
   * </pre>
   */
  public static final class PokemonServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<PokemonServiceBlockingV2Stub> {
    private PokemonServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PokemonServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PokemonServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * GetPokemon returns one species by its national Pokédex number, or
     * NOT_FOUND.
     * </pre>
     */
    public dev.kanto.pokedex.v1.GetPokemonResponse getPokemon(dev.kanto.pokedex.v1.GetPokemonRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListPokemon returns one page of species in ascending id order, optionally
     * filtered by type and rarity. Follow next_page_token to read every page;
     * the order is stable across pages.
     * </pre>
     */
    public dev.kanto.pokedex.v1.ListPokemonResponse listPokemon(dev.kanto.pokedex.v1.ListPokemonRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListPokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * BatchGetPokemon returns several species at once, in the order asked. If
     * any id does not exist the whole call fails with NOT_FOUND.
     * </pre>
     */
    public dev.kanto.pokedex.v1.BatchGetPokemonResponse batchGetPokemon(dev.kanto.pokedex.v1.BatchGetPokemonRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getBatchGetPokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * CreatePokemon adds a species (curators only). ALREADY_EXISTS if the id or
     * the name is taken. A retry carrying the same request_id returns the
     * species created by the first attempt instead of failing or duplicating.
     * </pre>
     */
    public dev.kanto.pokedex.v1.CreatePokemonResponse createPokemon(dev.kanto.pokedex.v1.CreatePokemonRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreatePokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdatePokemon changes the fields named in update_mask (curators only);
     * an empty mask changes every writable field. NOT_FOUND if the species
     * does not exist.
     * </pre>
     */
    public dev.kanto.pokedex.v1.UpdatePokemonResponse updatePokemon(dev.kanto.pokedex.v1.UpdatePokemonRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdatePokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeletePokemon removes a species and its encounters (curators only), or
     * answers NOT_FOUND.
     * </pre>
     */
    public dev.kanto.pokedex.v1.DeletePokemonResponse deletePokemon(dev.kanto.pokedex.v1.DeletePokemonRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeletePokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListEncounters returns the species that can be met at the given places
     * of the Kanto map, ordered by place as asked, then by encounter rate.
     * </pre>
     */
    public dev.kanto.pokedex.v1.ListEncountersResponse listEncounters(dev.kanto.pokedex.v1.ListEncountersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListEncountersMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service PokemonService.
   * <pre>
   * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
   * API. Reads are public; writes need a curator bearer token and answer
   * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
   * </pre>
   */
  public static final class PokemonServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<PokemonServiceBlockingStub> {
    private PokemonServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PokemonServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PokemonServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetPokemon returns one species by its national Pokédex number, or
     * NOT_FOUND.
     * </pre>
     */
    public dev.kanto.pokedex.v1.GetPokemonResponse getPokemon(dev.kanto.pokedex.v1.GetPokemonRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListPokemon returns one page of species in ascending id order, optionally
     * filtered by type and rarity. Follow next_page_token to read every page;
     * the order is stable across pages.
     * </pre>
     */
    public dev.kanto.pokedex.v1.ListPokemonResponse listPokemon(dev.kanto.pokedex.v1.ListPokemonRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListPokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * BatchGetPokemon returns several species at once, in the order asked. If
     * any id does not exist the whole call fails with NOT_FOUND.
     * </pre>
     */
    public dev.kanto.pokedex.v1.BatchGetPokemonResponse batchGetPokemon(dev.kanto.pokedex.v1.BatchGetPokemonRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getBatchGetPokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * CreatePokemon adds a species (curators only). ALREADY_EXISTS if the id or
     * the name is taken. A retry carrying the same request_id returns the
     * species created by the first attempt instead of failing or duplicating.
     * </pre>
     */
    public dev.kanto.pokedex.v1.CreatePokemonResponse createPokemon(dev.kanto.pokedex.v1.CreatePokemonRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreatePokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdatePokemon changes the fields named in update_mask (curators only);
     * an empty mask changes every writable field. NOT_FOUND if the species
     * does not exist.
     * </pre>
     */
    public dev.kanto.pokedex.v1.UpdatePokemonResponse updatePokemon(dev.kanto.pokedex.v1.UpdatePokemonRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdatePokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeletePokemon removes a species and its encounters (curators only), or
     * answers NOT_FOUND.
     * </pre>
     */
    public dev.kanto.pokedex.v1.DeletePokemonResponse deletePokemon(dev.kanto.pokedex.v1.DeletePokemonRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeletePokemonMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListEncounters returns the species that can be met at the given places
     * of the Kanto map, ordered by place as asked, then by encounter rate.
     * </pre>
     */
    public dev.kanto.pokedex.v1.ListEncountersResponse listEncounters(dev.kanto.pokedex.v1.ListEncountersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListEncountersMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service PokemonService.
   * <pre>
   * PokemonService is the Pokédex API: the talk's `Get` grown into a resource
   * API. Reads are public; writes need a curator bearer token and answer
   * UNAUTHENTICATED without one and PERMISSION_DENIED with a wrong one.
   * </pre>
   */
  public static final class PokemonServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<PokemonServiceFutureStub> {
    private PokemonServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PokemonServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PokemonServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * GetPokemon returns one species by its national Pokédex number, or
     * NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.GetPokemonResponse> getPokemon(
        dev.kanto.pokedex.v1.GetPokemonRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPokemonMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListPokemon returns one page of species in ascending id order, optionally
     * filtered by type and rarity. Follow next_page_token to read every page;
     * the order is stable across pages.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.ListPokemonResponse> listPokemon(
        dev.kanto.pokedex.v1.ListPokemonRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListPokemonMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * BatchGetPokemon returns several species at once, in the order asked. If
     * any id does not exist the whole call fails with NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.BatchGetPokemonResponse> batchGetPokemon(
        dev.kanto.pokedex.v1.BatchGetPokemonRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getBatchGetPokemonMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * CreatePokemon adds a species (curators only). ALREADY_EXISTS if the id or
     * the name is taken. A retry carrying the same request_id returns the
     * species created by the first attempt instead of failing or duplicating.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.CreatePokemonResponse> createPokemon(
        dev.kanto.pokedex.v1.CreatePokemonRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreatePokemonMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UpdatePokemon changes the fields named in update_mask (curators only);
     * an empty mask changes every writable field. NOT_FOUND if the species
     * does not exist.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.UpdatePokemonResponse> updatePokemon(
        dev.kanto.pokedex.v1.UpdatePokemonRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdatePokemonMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * DeletePokemon removes a species and its encounters (curators only), or
     * answers NOT_FOUND.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.DeletePokemonResponse> deletePokemon(
        dev.kanto.pokedex.v1.DeletePokemonRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeletePokemonMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListEncounters returns the species that can be met at the given places
     * of the Kanto map, ordered by place as asked, then by encounter rate.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.kanto.pokedex.v1.ListEncountersResponse> listEncounters(
        dev.kanto.pokedex.v1.ListEncountersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListEncountersMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_POKEMON = 0;
  private static final int METHODID_LIST_POKEMON = 1;
  private static final int METHODID_BATCH_GET_POKEMON = 2;
  private static final int METHODID_CREATE_POKEMON = 3;
  private static final int METHODID_UPDATE_POKEMON = 4;
  private static final int METHODID_DELETE_POKEMON = 5;
  private static final int METHODID_LIST_ENCOUNTERS = 6;

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
        case METHODID_GET_POKEMON:
          serviceImpl.getPokemon((dev.kanto.pokedex.v1.GetPokemonRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.GetPokemonResponse>) responseObserver);
          break;
        case METHODID_LIST_POKEMON:
          serviceImpl.listPokemon((dev.kanto.pokedex.v1.ListPokemonRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.ListPokemonResponse>) responseObserver);
          break;
        case METHODID_BATCH_GET_POKEMON:
          serviceImpl.batchGetPokemon((dev.kanto.pokedex.v1.BatchGetPokemonRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.BatchGetPokemonResponse>) responseObserver);
          break;
        case METHODID_CREATE_POKEMON:
          serviceImpl.createPokemon((dev.kanto.pokedex.v1.CreatePokemonRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.CreatePokemonResponse>) responseObserver);
          break;
        case METHODID_UPDATE_POKEMON:
          serviceImpl.updatePokemon((dev.kanto.pokedex.v1.UpdatePokemonRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.UpdatePokemonResponse>) responseObserver);
          break;
        case METHODID_DELETE_POKEMON:
          serviceImpl.deletePokemon((dev.kanto.pokedex.v1.DeletePokemonRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.DeletePokemonResponse>) responseObserver);
          break;
        case METHODID_LIST_ENCOUNTERS:
          serviceImpl.listEncounters((dev.kanto.pokedex.v1.ListEncountersRequest) request,
              (io.grpc.stub.StreamObserver<dev.kanto.pokedex.v1.ListEncountersResponse>) responseObserver);
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
          getGetPokemonMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.GetPokemonRequest,
              dev.kanto.pokedex.v1.GetPokemonResponse>(
                service, METHODID_GET_POKEMON)))
        .addMethod(
          getListPokemonMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.ListPokemonRequest,
              dev.kanto.pokedex.v1.ListPokemonResponse>(
                service, METHODID_LIST_POKEMON)))
        .addMethod(
          getBatchGetPokemonMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.BatchGetPokemonRequest,
              dev.kanto.pokedex.v1.BatchGetPokemonResponse>(
                service, METHODID_BATCH_GET_POKEMON)))
        .addMethod(
          getCreatePokemonMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.CreatePokemonRequest,
              dev.kanto.pokedex.v1.CreatePokemonResponse>(
                service, METHODID_CREATE_POKEMON)))
        .addMethod(
          getUpdatePokemonMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.UpdatePokemonRequest,
              dev.kanto.pokedex.v1.UpdatePokemonResponse>(
                service, METHODID_UPDATE_POKEMON)))
        .addMethod(
          getDeletePokemonMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.DeletePokemonRequest,
              dev.kanto.pokedex.v1.DeletePokemonResponse>(
                service, METHODID_DELETE_POKEMON)))
        .addMethod(
          getListEncountersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.kanto.pokedex.v1.ListEncountersRequest,
              dev.kanto.pokedex.v1.ListEncountersResponse>(
                service, METHODID_LIST_ENCOUNTERS)))
        .build();
  }

  private static abstract class PokemonServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    PokemonServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.kanto.pokedex.v1.PokemonServiceProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("PokemonService");
    }
  }

  private static final class PokemonServiceFileDescriptorSupplier
      extends PokemonServiceBaseDescriptorSupplier {
    PokemonServiceFileDescriptorSupplier() {}
  }

  private static final class PokemonServiceMethodDescriptorSupplier
      extends PokemonServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    PokemonServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (PokemonServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new PokemonServiceFileDescriptorSupplier())
              .addMethod(getGetPokemonMethod())
              .addMethod(getListPokemonMethod())
              .addMethod(getBatchGetPokemonMethod())
              .addMethod(getCreatePokemonMethod())
              .addMethod(getUpdatePokemonMethod())
              .addMethod(getDeletePokemonMethod())
              .addMethod(getListEncountersMethod())
              .build();
        }
      }
    }
    return result;
  }
}
