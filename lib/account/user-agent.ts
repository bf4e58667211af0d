/** "Chrome on macOS" from a User-Agent header: enough for a person to recognise their own browsers. */
export function describeUserAgent(ua: string | null | undefined): { browser: string; os: string; mobile: boolean; label: string } {
  if (!ua) return { browser: "Unknown browser", os: "unknown system", mobile: false, label: "Unknown device" };
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS\//.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS\/|Chromium\//.test(ua)
          ? /HeadlessChrome/.test(ua)
            ? "Headless Chrome"
            : "Chrome"
          : /Safari\//.test(ua) && /Version\//.test(ua)
            ? "Safari"
            : /^curl\//.test(ua)
              ? "curl"
              : (/^([\w.-]+)\/[\d.]+/.exec(ua)?.[1] ?? "Unknown browser");
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : "";
  const mobile = /Mobile|iPhone|Android/.test(ua);
  return { browser, os: os || "unknown system", mobile, label: os ? `${browser} on ${os}` : browser };
}
