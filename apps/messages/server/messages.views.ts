import type { ContactNames } from './contacts-link';
import type { MessageRecord, SummaryRecord, ThreadKind, ThreadSettings } from './messages.repository';
import type { ContactAttachment, LocationAttachment, MessageKind, PhotoAttachment } from './messages.schemas';

/** A thread's member other than the viewer, named as the viewer saved them. */
export interface MemberView {
  number: string;
  displayNumber: string;
  name: string | null;
  admin: boolean;
}

/** A thread as the page gets it (see the README). */
export interface ThreadSummary {
  id: string;
  kind: ThreadKind;
  title: string;
  members: MemberView[];
  admin: boolean;
  /** Named as in Message: `senderName` as the viewer saved the sender (null for their own), `mine` for the viewer's own. */
  lastMessage: { id: number; senderNumber: string; senderName: string | null; mine: boolean; kind: MessageKind; preview: string; sentAt: number } | null;
  unread: number;
  updatedAt: number;
  settings: ThreadSettings;
  readBy: { number: string; messageId: number }[];
}

/** An attachment as a viewer gets it: a contact card says whether the viewer has that number in Contacts already. */
export type AttachmentView = PhotoAttachment | LocationAttachment | (ContactAttachment & { saved: boolean });

/** A message as the page gets it, for one viewer (see the README). */
export interface Message {
  id: number;
  threadId: string;
  clientId: string;
  senderNumber: string;
  senderName: string | null;
  mine: boolean;
  kind: MessageKind;
  body: string;
  attachment: AttachmentView | null;
  sentAt: number;
}

const PREVIEW_LENGTH = 80;
const LABELS: Record<Exclude<MessageKind, 'text'>, string> = { photo: '📷 Photo', location: '📍 Location', contact: '👤 Contact' };

/** The one line a list or a notification shows for a message: its text's start, or what it carries. */
export const previewOf = (kind: MessageKind, body: string): string => (kind === 'text' ? [...body].slice(0, PREVIEW_LENGTH).join('') : LABELS[kind]);

/** The attachment for a viewer whose contacts are `names`: a contact card says whether they saved its number. */
function attachmentView({ attachment }: MessageRecord, names: ContactNames): AttachmentView | null {
  return attachment !== null && 'number' in attachment ? { ...attachment, saved: names.has(attachment.number) } : attachment;
}

/** A message for the viewer `viewerNumber`: the sender named as the viewer saved them (never for their own). */
export function messageView(record: MessageRecord, viewerNumber: string, names: ContactNames): Message {
  const mine = record.senderNumber === viewerNumber;
  return {
    id: record.id,
    threadId: record.threadId,
    // Messages from scripts carry no client id.
    clientId: record.clientId ?? '',
    senderNumber: record.senderNumber,
    senderName: mine ? null : (names.get(record.senderNumber) ?? null),
    mine,
    kind: record.kind,
    body: record.body,
    attachment: attachmentView(record, names),
    sentAt: record.sentAt,
  };
}

/** A thread for its viewer: titled and with members named from the viewer's contacts, numbers in the server's format. */
export function summaryView(record: SummaryRecord, viewerNumber: string, names: ContactNames, format: (number: string) => string): ThreadSummary {
  const members = record.others.map((other) => ({
    number: other.number,
    displayNumber: format(other.number),
    name: names.get(other.number) ?? null,
    admin: other.admin,
  }));
  const other = members[0];
  const title = record.kind === 'group' ? (record.name ?? '') : other ? (other.name ?? other.displayNumber) : '';
  return {
    id: record.threadId,
    kind: record.kind,
    title,
    members,
    admin: record.admin,
    lastMessage: record.last && {
      id: record.last.id,
      senderNumber: record.last.senderNumber,
      senderName: record.last.senderNumber === viewerNumber ? null : (names.get(record.last.senderNumber) ?? null),
      mine: record.last.senderNumber === viewerNumber,
      kind: record.last.kind,
      preview: previewOf(record.last.kind, record.last.body),
      sentAt: record.last.sentAt,
    },
    unread: record.unread,
    updatedAt: record.updatedAt,
    settings: record.settings,
    readBy: record.settings.readReceipts
      ? record.others.filter((member) => member.readMessageId > 0).map((member) => ({ number: member.number, messageId: member.readMessageId }))
      : [],
  };
}
