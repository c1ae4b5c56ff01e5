import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type {
  Attachment,
  ContactAttachment,
  LocationAttachment,
  Member,
  Message,
  MessageKind,
  messagesContract,
  PhotoAttachment,
  ThreadSettings,
  ThreadSummary,
} from '../../contract';
import type { MessagesText } from './messages';

export type { Attachment, ContactAttachment, LocationAttachment, Member, Message, MessageKind, PhotoAttachment, ThreadSettings, ThreadSummary };

/** What the player sends: the Message without what the server fills in. */
export type Draft =
  | { kind: 'text'; body: string; attachment: null }
  | { kind: 'photo'; body: string; attachment: PhotoAttachment }
  | { kind: 'location'; body: string; attachment: LocationAttachment }
  | { kind: 'contact'; body: string; attachment: ContactAttachment };

/** One send: `clientId` stays the same across retries, so the server stores the message once. */
export interface Outgoing {
  clientId: string;
  draft: Draft;
}

/** Where a send goes: an existing thread, or the direct thread with a number (made by the first message). */
export type SendTarget = { threadId: string } | { to: string };

export interface TypingSignal {
  threadId: string;
  number: string;
  name: string | null;
}

export interface ReadSignal {
  threadId: string;
  number: string;
  messageId: number;
}

/** The longest text a message holds. */
export const MAX_BODY_LENGTH = 1000;
export const MAX_GROUP_NAME_LENGTH = 32;
/** Members a group may have besides its creator. */
export const MAX_GROUP_MEMBERS = 31;

/** Refusals another try of the same send cannot change: the bubble is rolled back. */
const FINAL_CODES: readonly string[] = ['INVALID_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE'];
export const isRefusal = (error: unknown) => error instanceof SdkError && FINAL_CODES.includes(error.code);

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown, t: MessagesText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

/** A number as the server keys it: its digits. */
export const digitsOf = (number: string) => number.replace(/\D/g, '');

/** The list's one-line summary of a message, as the server writes `lastMessage.preview`. */
export function previewOf(message: Pick<Message, 'kind' | 'body'>): string {
  if (message.kind === 'photo') return '📷 Photo';
  if (message.kind === 'location') return '📍 Location';
  if (message.kind === 'contact') return '👤 Contact';
  return message.body.slice(0, 80);
}

const isObject = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null;
const KINDS: readonly unknown[] = ['text', 'photo', 'location', 'contact'];

/** A pushed message, or null for a push that is not one: pushes arrive as `unknown`. */
export function asMessage(data: unknown): Message | null {
  if (!isObject(data)) return null;
  const valid =
    typeof data['id'] === 'number' &&
    typeof data['threadId'] === 'string' &&
    typeof data['clientId'] === 'string' &&
    typeof data['senderNumber'] === 'string' &&
    typeof data['mine'] === 'boolean' &&
    KINDS.includes(data['kind']) &&
    typeof data['body'] === 'string' &&
    typeof data['sentAt'] === 'number';
  return valid ? (data as unknown as Message) : null;
}

export function asThread(data: unknown): ThreadSummary | null {
  if (!isObject(data)) return null;
  const valid =
    typeof data['id'] === 'string' &&
    (data['kind'] === 'direct' || data['kind'] === 'group') &&
    typeof data['title'] === 'string' &&
    Array.isArray(data['members']) &&
    Array.isArray(data['readBy']) &&
    typeof data['unread'] === 'number' &&
    typeof data['updatedAt'] === 'number' &&
    isObject(data['settings']);
  return valid ? (data as unknown as ThreadSummary) : null;
}

export function asTyping(data: unknown): TypingSignal | null {
  if (!isObject(data) || typeof data['threadId'] !== 'string' || typeof data['number'] !== 'string') return null;
  return { threadId: data['threadId'], number: data['number'], name: typeof data['name'] === 'string' ? data['name'] : null };
}

export function asRead(data: unknown): ReadSignal | null {
  if (!isObject(data)) return null;
  const { threadId, number, messageId } = data;
  return typeof threadId === 'string' && typeof number === 'string' && typeof messageId === 'number' ? { threadId, number, messageId } : null;
}

export function asDeleted(data: unknown): number | null {
  return isObject(data) && typeof data['messageId'] === 'number' ? data['messageId'] : null;
}

export const isPhoto = (attachment: Attachment | null): attachment is PhotoAttachment =>
  isObject(attachment) && typeof (attachment as Partial<PhotoAttachment>).url === 'string';
export const isLocation = (attachment: Attachment | null): attachment is LocationAttachment =>
  isObject(attachment) && typeof (attachment as Partial<LocationAttachment>).x === 'number' && typeof (attachment as Partial<LocationAttachment>).y === 'number';
export const isContactCard = (attachment: Attachment | null): attachment is ContactAttachment =>
  isObject(attachment) && typeof (attachment as Partial<ContactAttachment>).number === 'string';
/** Whether the server said the player has a contact card's number in Contacts already. */
export const isSavedCard = (attachment: Attachment | null) => isContactCard(attachment) && (attachment as { saved?: unknown }).saved === true;

/** The text when it is nothing but the https address of an image (a photo shared from Photos, a pasted link); else null. */
export function imageUrlOf(text: string): string | null {
  if (/\s/.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && /\.(jpe?g|png|webp|gif)$/i.test(url.pathname) ? url.href : null;
  } catch {
    return null;
  }
}

/** A draft as `messages.send` takes it: text without an attachment, every other kind with its own. */
function contentOf(draft: Draft) {
  return draft.kind === 'text' ? { kind: draft.kind, body: draft.body } : draft;
}

/** The server plugin's actions, typed by the contract. */
export function messagesApi(app: HandsetApp) {
  const messages = contractClient<typeof messagesContract>(app);
  return {
    threads: (cursor: string | null) => messages.request('threads.list', cursor === null ? {} : { cursor }),
    thread: (threadId: string) => messages.request('threads.get', { threadId }),
    direct: (number: string) => messages.request('threads.direct', { number }),
    read: (threadId: string, messageId: number) => messages.request('threads.read', { threadId, messageId }),
    settings: (threadId: string, settings: Partial<ThreadSettings>) => messages.request('threads.settings', { threadId, ...settings }),
    typing: (threadId: string) => messages.request('threads.typing', { threadId }),
    view: (threadId: string | null) => messages.request('threads.view', { threadId }),
    messages: (threadId: string, before: number | null) => messages.request('messages.list', before === null ? { threadId } : { threadId, before }),
    send: (target: SendTarget, { clientId, draft }: Outgoing) => messages.request('messages.send', { clientId, ...target, ...contentOf(draft) }),
    remove: (messageId: number) => messages.request('messages.delete', { messageId }),
    createGroup: (name: string, members: string[]) => messages.request('groups.create', { name, members }),
    rename: (threadId: string, name: string) => messages.request('groups.rename', { threadId, name }),
    addMember: (threadId: string, number: string) => messages.request('groups.addMember', { threadId, number }),
    removeMember: (threadId: string, number: string) => messages.request('groups.removeMember', { threadId, number }),
    leave: (threadId: string) => messages.request('groups.leave', { threadId }),
  };
}

export type MessagesApi = ReturnType<typeof messagesApi>;
