// Child process of ensureAuditFixture(): fills the shared audit fixture into the (already migrated) bench database.
import { fillAuditFixture } from "./audit-fixture";
import { log } from "./report";

log(`filling the audit fixture…`);
await fillAuditFixture();
