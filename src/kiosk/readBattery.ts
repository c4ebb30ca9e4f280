/**
 * Battery level (0–1) and charging state where the browser exposes them (Chromium's Battery
 * Status API); `{}` elsewhere (Safari, Firefox) or when the call fails.
 */
export const readBattery = async (): Promise<{ battery?: number; charging?: boolean }> => {
  try {
    const get = (navigator as { getBattery?: () => Promise<{ level: number; charging: boolean }> }).getBattery;
    if (!get) return {};
    const b = await get.call(navigator);
    return { battery: Math.round(b.level * 100) / 100, charging: b.charging };
  } catch {
    return {};
  }
};
