import * as Y from "yjs";
import { applyClientUpdate, getRoom } from "@/lib/collab/rooms";
import { replaceText, textOf } from "@/lib/collab/doc-codec";

/** Replace a spec document's text with the smallest edit, stored and relayed like an editor's update. */
export async function setDocumentText(specId: string, text: string, userId: string | null): Promise<string> {
  const room = await getRoom(specId);
  const draft = new Y.Doc();
  Y.applyUpdate(draft, Y.encodeStateAsUpdate(room.doc));
  let update: Uint8Array | null = null;
  draft.on("update", (u: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  });
  replaceText(draft, text);
  draft.destroy();
  if (update) await applyClientUpdate(room, update, userId);
  return room.flushContent().then(() => textOf(room.doc));
}
