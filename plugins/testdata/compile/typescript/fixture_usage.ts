// Calls every shape of the fixture's generated clients, so that
// compile/typescript.sh fails when the generated types are wrong: it is
// type-checked, never run. Each annotation states what a user of the SDK
// should get.
import {
  Color,
  createKantoClient,
  createKantoTransport,
  createWidgetsV1WidgetClient,
  GadgetsV1WidgetService,
  services,
  widgetsV1WidgetServiceInfo,
  WidgetsV1WidgetService,
  type EmptyClient,
  type MethodInfo,
  type ServiceInfo,
  type Widget,
  type WidgetsV1WidgetClient,
  type ListWidgetsResponse,
  type UploadWidgetsResponse,
} from "./index.js";

async function* widgets(): AsyncGenerator<{ id: string }> {
  yield { id: "a" };
}

export async function useFixture(): Promise<void> {
  const kanto = createKantoClient({
    insecure: true,
    targets: { "fixture.gadgets.v1.WidgetService": "127.0.0.1:7002" },
  });
  const client: WidgetsV1WidgetClient = kanto.widgetsV1Widget;
  const empty: EmptyClient = kanto.empty;

  const got: Widget = await client.getWidget({ id: "a" });
  // RPCs whose names are keywords are plain properties.
  const cls: Widget = await client.class({ id: "a" });
  const imp: Widget = await client.import({ id: "a" });
  // Fields named after keywords, a oneof, a map, an optional, WKTs.
  const created: Widget = await client.createWidget({
    widget: {
      class: "c",
      async: true,
      default: 1,
      type: Color.RED,
      import: "i",
      labels: { k: "v" },
      measure: { case: "sizeCm", value: 1.5 },
      priority: 3,
      parts: [{ name: "bolt" }],
    },
  });
  const page: ListWidgetsResponse = await client.listWidgets({ pageSize: 10 });
  for await (const p of client.listWidgetsPages({ pageSize: 10 })) {
    const token: string = p.nextPageToken;
    void token;
  }
  for await (const w of client.listWidgetsItems()) {
    const item: Widget = w;
    void item;
  }
  for await (const c of client.listColorsItems({ pageSize: 5 })) {
    const color: Color = c;
    void color;
  }
  for await (const w of client.watchWidgets({ id: "a" })) {
    const changed: Widget = w;
    void changed;
  }
  const uploaded: UploadWidgetsResponse = await client.uploadWidgets(widgets());
  for await (const w of client.syncWidgets(widgets())) {
    const synced: Widget = w;
    void synced;
  }
  await kanto.gadgetsV1Widget.ping({});

  const methods: readonly MethodInfo[] = [...kanto.methods(), ...empty.methods()];
  const registry: readonly ServiceInfo[] = services;
  const transport = createKantoTransport({ service: widgetsV1WidgetServiceInfo, target: "127.0.0.1:7001", insecure: true });
  const alone: WidgetsV1WidgetClient = createWidgetsV1WidgetClient(transport);
  const names: string[] = [WidgetsV1WidgetService.typeName, GadgetsV1WidgetService.typeName];
  void [got, cls, imp, created, page, uploaded, methods, registry, alone, names];
  transport.close();
  kanto.close();
}

export async function useDeprecated(client: WidgetsV1WidgetClient): Promise<Widget> {
  return await client.legacyGet({ id: "a" });
}
