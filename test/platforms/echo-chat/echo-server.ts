// Echo Chat: a chat service small enough to live in a test. Channels hold
// messages, a message may start a thread, a message may carry buttons, a
// button may open a one-field form, and a reply may be private to one person.
// People act through the methods below; a bot connects with a token and gets
// their events, and answers through the same object, as over a socket.

export interface EchoButton {
  label: string;
  actionId: string;
  value?: string;
  /** What the button belongs to (a conversation's or a review's id), carried back when it is pressed. */
  target?: string | null;
}

export interface EchoMessage {
  id: string;
  channel: string;
  /** The root message's id when in a thread. */
  thread: string | null;
  text: string;
  buttons: EchoButton[];
  /** Set on a private reply: only this person sees it. */
  privateTo: string | null;
  edits: number;
}

export type EchoEvent =
  | { kind: 'command'; user: string; channel: string; text: string }
  | { kind: 'message'; user: string; channel: string; thread: string; text: string }
  | { kind: 'press'; user: string; message: EchoMessage; button: EchoButton }
  | { kind: 'form'; user: string; formId: string; text: string };

export interface EchoBot {
  post(channel: string, thread: string | null, text: string, buttons?: EchoButton[]): EchoMessage;
  edit(id: string, text: string, buttons?: EchoButton[]): void;
  whisper(user: string, channel: string, text: string): void;
  openForm(user: string, formId: string, title: string): void;
}

export interface EchoForm {
  user: string;
  formId: string;
  title: string;
}

const servers = new Map<string, EchoChatServer>();

/** The server a bot configured with ECHO_CHAT_SERVER=<name> connects to. */
export function findEchoServer(name: string): EchoChatServer | null {
  return servers.get(name) ?? null;
}

let serverSeq = 0;

export class EchoChatServer {
  readonly name = `echo-${process.pid}-${++serverSeq}`;
  readonly token = 'echo-token';
  readonly messages: EchoMessage[] = [];
  readonly forms: EchoForm[] = [];
  private listener: ((event: EchoEvent) => Promise<void>) | null = null;
  private seq = 0;

  static start(): EchoChatServer {
    const server = new EchoChatServer();
    servers.set(server.name, server);
    return server;
  }

  close(): void {
    servers.delete(this.name);
  }

  /** A bot connects; false when the token is wrong. */
  connect(token: string, listener: (event: EchoEvent) => Promise<void>): EchoBot | null {
    if (token !== this.token) return null;
    this.listener = listener;
    return {
      post: (channel, thread, text, buttons = []) => this.add({ channel, thread, text, buttons, privateTo: null }),
      edit: (id, text, buttons) => {
        const message = this.messages.find((m) => m.id === id);
        if (!message) throw new Error(`echo chat: no message ${id}`);
        message.text = text;
        if (buttons) message.buttons = buttons;
        message.edits += 1;
      },
      whisper: (user, channel, text) => void this.add({ channel, thread: null, text, buttons: [], privateTo: user }),
      openForm: (user, formId, title) => void this.forms.push({ user, formId, title }),
    };
  }

  disconnect(): void {
    this.listener = null;
  }

  connected(): boolean {
    return this.listener !== null;
  }

  // What people do; each resolves once the bot has handled it.
  command(user: string, channel: string, text: string): Promise<void> {
    return this.send({ kind: 'command', user, channel, text });
  }

  say(user: string, channel: string, thread: string, text: string): Promise<void> {
    this.add({ channel, thread, text, buttons: [], privateTo: null, fromPerson: true });
    return this.send({ kind: 'message', user, channel, thread, text });
  }

  press(user: string, message: EchoMessage, label: RegExp): Promise<void> {
    const button = message.buttons.find((b) => label.test(b.label));
    if (!button) throw new Error(`echo chat: no button ${label} on "${message.text.slice(0, 80)}"`);
    return this.send({ kind: 'press', user, message, button });
  }

  submitForm(user: string, form: EchoForm, text: string): Promise<void> {
    return this.send({ kind: 'form', user, formId: form.formId, text });
  }

  /** The bot's messages (people's own thread messages are not kept as the bot's). */
  botMessages(): EchoMessage[] {
    return this.messages.filter((m) => !this.people.has(m.id));
  }

  private readonly people = new Set<string>();

  private add(fields: Omit<EchoMessage, 'id' | 'edits'> & { fromPerson?: boolean }): EchoMessage {
    this.seq += 1;
    const { fromPerson, ...rest } = fields;
    const message: EchoMessage = { ...rest, id: `m${this.seq}`, edits: 0 };
    this.messages.push(message);
    if (fromPerson) this.people.add(message.id);
    return message;
  }

  private async send(event: EchoEvent): Promise<void> {
    if (!this.listener) throw new Error('echo chat: no bot connected');
    await this.listener(event);
  }
}
