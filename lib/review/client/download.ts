import { ApiError } from "@/lib/client/api";
import { readJson } from "@/lib/review/client/api";

/** The filename of a Content-Disposition header (`attachment; filename="x.zip"`), or null. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2]).trim() : null;
}

/**
 * Download a file from the API: fetch it first (so a refusal shows the server's own message instead of a
 * broken download), then hand the bytes to the browser through an object URL. Throws ApiError when refused.
 */
export async function downloadFromApi(url: string, fallbackName: string): Promise<{ filename: string; bytes: number }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "Could not reach the studio. Check your connection and try again.");
  }
  if (!res.ok) await readJson(res); // throws the API's error
  const blob = await res.blob();
  const filename = filenameFromDisposition(res.headers.get("content-disposition")) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it is released.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return { filename, bytes: blob.size };
}
