import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the charts' font lives on this machine. Handing resvg the two files
// the charts use (regular and bold) spares it a scan of every installed font
// on each chart; where they are not found, resvg scans as before.

/** The charts' font (svg.ts names its family) in its two weights. */
const FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

/** Where distributions and operating systems put it: Debian/Ubuntu, Fedora/Alpine, Arch, local installs, macOS. */
function candidateFolders(): string[] {
  const home = homedir();
  return [
    '/usr/share/fonts/truetype/dejavu',
    '/usr/share/fonts/dejavu',
    '/usr/share/fonts/dejavu-sans-fonts',
    '/usr/share/fonts/TTF',
    '/usr/local/share/fonts',
    '/usr/local/share/fonts/dejavu',
    join(home, '.local/share/fonts'),
    join(home, '.fonts'),
    '/Library/Fonts',
    join(home, 'Library/Fonts'),
  ];
}

/** The regular and bold font files, or null when they are not both in one known folder. */
export function findChartFontFiles(folders: readonly string[] = candidateFolders()): string[] | null {
  for (const folder of folders) {
    const files = FILES.map((file) => join(folder, file));
    if (files.every((file) => existsSync(file))) return files;
  }
  return null;
}
