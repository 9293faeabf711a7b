/* eslint-disable @typescript-eslint/no-explicit-any -- request bodies are arbitrary JSON that the fake, like Discord, reads field by field and checks as it goes */
// What Discord refuses with 50035 Invalid Form Body, written out independently
// of the renderer so the fake can catch a renderer that gets a limit wrong.

export interface Problem {
  path: string;
  message: string;
}

/** Validates an interaction callback body ({ type, data }). */
export function validateCallback(body: any, fileCount: number): Problem[] {
  const type = body?.type;
  if (![1, 4, 5, 6, 7, 8, 9].includes(type)) return [{ path: 'type', message: `unknown callback type ${String(type)}` }];
  if (type === 8) return validateSuggestions(body.data);
  if (type === 4) return validateMessage(body.data, fileCount, 'data');
  if (type === 7) return validateMessage(body.data, fileCount, 'data', true);
  if (type === 9) return validateModal(body.data);
  return [];
}

/** Autocomplete answers: at most 25 choices, names and values 1-100 characters. */
export function validateSuggestions(data: any): Problem[] {
  const choices: any[] = Array.isArray(data?.choices) ? data.choices : [];
  const problems: Problem[] = [];
  if (!Array.isArray(data?.choices)) problems.push({ path: 'data.choices', message: 'choices must be an array' });
  if (choices.length > 25) problems.push({ path: 'data.choices', message: 'at most 25 choices' });
  choices.forEach((choice, i) => {
    if (typeof choice?.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) problems.push({ path: `data.choices.${i}.name`, message: 'name 1-100' });
    if (typeof choice?.value !== 'string' || choice.value.length < 1 || choice.value.length > 100) problems.push({ path: `data.choices.${i}.value`, message: 'value 1-100' });
  });
  return problems;
}

export function validateModal(data: any): Problem[] {
  const problems: Problem[] = [];
  const check = (ok: boolean, path: string, message: string) => ok || problems.push({ path, message });
  check(typeof data?.title === 'string' && data.title.length >= 1 && data.title.length <= 45, 'data.title', 'title 1-45');
  check(typeof data?.custom_id === 'string' && data.custom_id.length >= 1 && data.custom_id.length <= 100, 'data.custom_id', 'custom_id 1-100');
  const rows: any[] = Array.isArray(data?.components) ? data.components : [];
  check(rows.length >= 1 && rows.length <= 5, 'data.components', 'modal takes 1-5 components');
  rows.forEach((row, r) => {
    const input = row?.components?.[0];
    check(row?.type === 1 && row.components.length === 1 && input?.type === 4, `data.components.${r}`, 'one text input per row');
    check(typeof input?.label === 'string' && input.label.length >= 1 && input.label.length <= 45, `data.components.${r}.label`, 'label 1-45');
    check(input?.placeholder === undefined || input.placeholder.length <= 100, `data.components.${r}.placeholder`, 'placeholder max 100');
    check(input?.max_length === undefined || (input.max_length >= 1 && input.max_length <= 4000), `data.components.${r}.max_length`, 'max_length 1-4000');
  });
  return problems;
}

/** Validates a message body (create, edit, follow-up). `partial` allows an update with no content. */
export function validateMessage(body: any, fileCount: number, prefix = '', partial = false): Problem[] {
  const problems: Problem[] = [];
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const check = (ok: boolean, path: string, message: string) => ok || problems.push({ path: at(path), message });
  const content: string = body?.content ?? '';
  const embeds: any[] = body?.embeds ?? [];
  const rows: any[] = body?.components ?? [];
  check(content.length <= 2000, 'content', 'Must be 2000 or fewer in length.');
  if (!partial) check(content.length > 0 || embeds.length > 0 || rows.length > 0 || fileCount > 0, 'content', 'Cannot send an empty message');
  check(embeds.length <= 10, 'embeds', 'max 10 embeds');
  let total = 0;
  embeds.forEach((e, i) => {
    const fields: any[] = e.fields ?? [];
    check((e.title ?? '').length <= 256, `embeds.${i}.title`, 'title max 256');
    check((e.description ?? '').length <= 4096, `embeds.${i}.description`, 'description max 4096');
    check(fields.length <= 25, `embeds.${i}.fields`, 'max 25 fields');
    check((e.footer?.text ?? '').length <= 2048, `embeds.${i}.footer.text`, 'footer max 2048');
    fields.forEach((f, j) => {
      check(typeof f.name === 'string' && f.name.length >= 1 && f.name.length <= 256, `embeds.${i}.fields.${j}.name`, 'name 1-256');
      check(typeof f.value === 'string' && f.value.length >= 1 && f.value.length <= 1024, `embeds.${i}.fields.${j}.value`, 'value 1-1024');
    });
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    total += fields.reduce((n, f) => n + String(f.name ?? '').length + String(f.value ?? '').length, 0);
  });
  check(total <= 6000, 'embeds', 'Embed size exceeds maximum size of 6000');
  check(rows.length <= 5, 'components', 'max 5 action rows');
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    const items: any[] = row?.components ?? [];
    check(row?.type === 1 && items.length >= 1, `components.${r}`, 'action row with 1-5 components');
    const selects = items.filter((c) => c.type === 3);
    check(selects.length === 0 || items.length === 1, `components.${r}`, 'a select fills its row');
    check(items.length <= 5, `components.${r}.components`, 'max 5 buttons a row');
    items.forEach((c, k) => {
      const path = `components.${r}.components.${k}`;
      check(typeof c.custom_id === 'string' && c.custom_id.length >= 1 && c.custom_id.length <= 100, `${path}.custom_id`, 'custom_id 1-100');
      check(!ids.has(c.custom_id), `${path}.custom_id`, 'Component custom id cannot be duplicated');
      ids.add(c.custom_id);
      if (c.type === 2) check(typeof c.label === 'string' && c.label.length <= 80, `${path}.label`, 'label max 80');
      if (c.type === 3) {
        const options: any[] = c.options ?? [];
        check(options.length >= 1 && options.length <= 25, `${path}.options`, 'options 1-25');
        check(new Set(options.map((o) => o.value)).size === options.length, `${path}.options`, 'option values must be unique');
        options.forEach((o, n) => {
          check(o.label.length >= 1 && o.label.length <= 100, `${path}.options.${n}.label`, 'label 1-100');
          check(o.value.length >= 1 && o.value.length <= 100, `${path}.options.${n}.value`, 'value 1-100');
        });
      }
    });
  });
  return problems;
}
