/** A short, human summary of a User-Agent string, e.g. "Chrome 156 on Linux". */
export function summarizeUserAgent(userAgent: string | undefined): string {
  if (!userAgent) {
    return 'an unknown browser';
  }
  const browser = detectBrowser(userAgent);
  const os = detectOs(userAgent);
  return os ? `${browser} on ${os}` : browser;
}

const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Edg(?:A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/Node\.js|node|undici/i, 'Node.js'],
];

function detectBrowser(userAgent: string): string {
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) {
      return match[1] ? `${name} ${match[1]}` : name;
    }
  }
  return 'an unknown browser';
}

const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Linux|X11/, 'Linux'],
];

function detectOs(userAgent: string): string | undefined {
  return SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
}
