/** Presence colours: distinct hues, readable as a caret and a name tag on both themes. */
const PALETTE = [
  "#2563eb", // blue
  "#db2777", // pink
  "#059669", // emerald
  "#d97706", // amber
  "#7c3aed", // violet
  "#dc2626", // red
  "#0891b2", // cyan
  "#65a30d", // lime
  "#c026d3", // fuchsia
  "#ea580c", // orange
] as const;

/** The same colour for a user everywhere (FNV-1a of the id). `colorLight` tints their selection. */
export function colorForUser(userId: string): { color: string; colorLight: string } {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const color = PALETTE[(h >>> 0) % PALETTE.length];
  return { color, colorLight: `${color}33` };
}
