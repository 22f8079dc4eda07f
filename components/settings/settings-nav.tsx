"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface SettingsTab {
  href: string;
  label: string;
}

/**
 * The "Settings" navigation landmark; the current tab is marked for assistive tech. The strip
 * scrolls sideways on narrow screens, so focus rings are drawn inside each link (never clipped).
 */
export function SettingsNav({ tabs }: { tabs: SettingsTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {/* Links styled by components/settings/settings-chrome.css (`settings-tab`). */}
        {tabs.map((tab) => {
          const current = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link href={tab.href} aria-current={current ? "page" : undefined} className="settings-tab">
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
