// Discord's published message limits, and the one way text is cut to them:
// Discord rejects a whole message when any limit is exceeded.

export const DISCORD_LIMITS = {
  content: 2000,
  embedTotal: 6000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
  modalTitle: 45,
  modalInputs: 5,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputValue: 4000,
} as const;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
