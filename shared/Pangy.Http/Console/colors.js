// Colours that stay the same for the same chain or subtype across views.

export function chainColor(chain) {
  if (chain < 0) return '#9aa5b1';
  const hue = (chain * 137.508) % 360;
  return `hsl(${hue.toFixed(0)} 55% 42%)`;
}

export const subtypeColor = { simple: '#2f7ebc', super: '#c05621', insertion: '#2f855a' };
