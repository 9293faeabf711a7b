import type { AssessmentRecord, Conversation, NewTurn, SavedDecision, ThreadKey, Turn } from './conversation.js';
import type { NewReviewChange, Review, ReviewChange, ReviewListItem, ReviewStatus } from './review/review-types.js';
import type { CommitmentAsk } from './workload.js';
import type { DigestFigureOptions, DigestSubscription, DigestWindow, WeekFigures, WeekTotals } from './digest/digest-types.js';

// The ports the core needs from the outside world. Implementations live in
// src/store (SQLite); the contract suite in test/contract runs against each.
// Every read and write is scoped to one workspace: a workspace can never see
// another's rows, whatever ids it passes.

export interface ConversationListItem {
  id: string;
  workspace: string;
  channel: string;
  thread: string;
  user: string;
  description: string;
  status: Conversation['status'];
  verdict: string | null;
  recommended: string | null;
  updatedAt: string;
}

export interface ConversationStore {
  /** Saves a new conversation; the id is the caller's. */
  create(conversation: Conversation): Promise<void>;
  /** Overwrites the mutable parts (status, facts, pending, misses, last, anchor, updatedAt). */
  save(conversation: Conversation): Promise<void>;
  get(workspace: string, id: string): Promise<Conversation | null>;
  /** The newest conversation in that thread, if any. */
  findByThread(key: ThreadKey): Promise<Conversation | null>;
  /** Appends a turn and returns it with its sequence number. */
  appendTurn(workspace: string, turn: NewTurn): Promise<Turn>;
  turns(workspace: string, conversationId: string): Promise<Turn[]>;
  /** Newest first. */
  list(workspace: string, options?: { channel?: string; platform?: string; limit?: number }): Promise<ConversationListItem[]>;
  recordAssessment(record: AssessmentRecord): Promise<void>;
  assessments(workspace: string, options?: { since?: string; until?: string; limit?: number }): Promise<AssessmentRecord[]>;
  /**
   * Each conversation's latest assessment (the decision it ended with), ordered
   * by workspace then time, read page by page as it is consumed. Every
   * workspace's when none is named: the one read across workspaces, for
   * re-pricing the whole history.
   */
  decisions(options?: { workspace?: string }): AsyncIterable<AssessmentRecord>;
  /**
   * The same decisions in the same order, a page at a time, with their facts
   * as saved (JSON text, not read): what re-pricing a whole history reads,
   * so the facts are read where they are assessed, and a damaged row is one
   * decision to report rather than a stop.
   */
  savedDecisions(options?: { workspace?: string; pageSize?: number }): AsyncIterable<SavedDecision[]>;
  /** Runs `work` atomically: all its writes land or none do. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Deletes what one person saved in a workspace on one platform: the
   * conversations they started (with every turn and assessment of them) and
   * their own turns in other people's threads.
   */
  forgetUser(workspace: string, platform: string, user: string): Promise<{ conversations: number; turns: number }>;
}

/** Remembers which platform deliveries were already processed (Slack retries, Discord resumes). */
export interface DeliveryLedger {
  /** True the first time an id is claimed, false on every repeat. */
  claim(platform: string, workspace: string, deliveryId: string, at: string): Promise<boolean>;
  /**
   * Claims a delivery and keeps what it asked for until `complete`: a command
   * acknowledged just before a crash is still on disk and can be replayed.
   */
  claimWork(platform: string, workspace: string, deliveryId: string, at: string, payload: unknown): Promise<boolean>;
  /** The work is done: its payload and effects are no longer kept, only the claim (so a repeat is still refused). */
  complete(platform: string, workspace: string, deliveryId: string, at: string): Promise<void>;
  /** Work claimed at or after `since` and never completed, oldest first. */
  unfinished(platform: string, since: string): Promise<UnfinishedDelivery[]>;
  /** What a delivery's work has done so far, oldest first: a replay continues from here instead of repeating it. */
  effects(delivery: DeliveryRef): Promise<DeliveryEffect[]>;
  /** Notes that an outward call is about to be made, so a replay after a crash knows to look before repeating it. */
  beginEffect(delivery: DeliveryRef, step: string, at: string): Promise<void>;
  /** Records what an outward call (a message posted, a card edited) returned. */
  recordEffect(delivery: DeliveryRef, step: string, result: unknown, at: string): Promise<void>;
  /**
   * Runs `work` (writes through the other ports of the same storage) and
   * records its result as `step`, all or nothing: a crash leaves both or neither.
   */
  recordWith<T>(delivery: DeliveryRef, step: string, at: string, work: () => Promise<T>): Promise<T>;
  /**
   * The inbox: writes a delivery (the work it asks for and the request as it
   * arrived) in one statement, before it is acknowledged. False, and nothing
   * written, when that delivery is already there: a retry. `complete` ends it.
   */
  enqueue(entry: NewInboxEntry): Promise<boolean>;
  /**
   * `enqueue` for several deliveries in one transaction (all written or none),
   * so a busy intake pays for one commit instead of one per delivery. One
   * answer per entry, in order; a repeat within the same call is refused too.
   */
  enqueueAll(entries: readonly NewInboxEntry[]): Promise<boolean[]>;
  /**
   * Inbox entries not yet complete, received at or after `since`, in arrival
   * order after `afterSeq` (0 for the start), at most `limit` of them.
   */
  waiting(platform: string, options: { since: string; afterSeq: number; limit: number }): Promise<InboxEntry[]>;
  /**
   * Leases an inbox entry to one replica (`holder`) until `until`, so replicas
   * sharing the database never work one entry, or one lane, at once. False,
   * and nothing changed, when the entry is complete, leased to another holder
   * whose lease runs past `now`, or behind an earlier entry of its lane that
   * another holder's live lease covers. The holder's own lease is extended.
   */
  lease(request: LeaseRequest): Promise<boolean>;
  /** Extends every lease `holder` has on unfinished entries to `until`; returns how many. */
  renewLeases(platform: string, holder: string, until: string): Promise<number>;
  /** Gives up the holder's lease on one entry (its work stopped short), so any replica may take it at once. */
  releaseLease(delivery: DeliveryRef, holder: string): Promise<void>;
  /** Gives up every lease `holder` has on unfinished entries (a replica shutting down); returns how many. */
  releaseLeases(platform: string, holder: string): Promise<number>;
  /** Who holds leases on unfinished entries, lapsed or not (so a restarted replica can hand back its dead predecessor's at once). */
  leaseHolders(platform: string): Promise<string[]>;
}

export interface LeaseRequest extends DeliveryRef {
  /** The replica asking: an id unique to one running process. */
  holder: string;
  /** The holder's clock now; a lease ending at or before it has lapsed. */
  now: string;
  /** When the lease lapses unless renewed (ISO 8601, like every time here). */
  until: string;
}

export interface NewInboxEntry {
  platform: string;
  workspace: string;
  /** Unique per delivery, the same on every retry of it. */
  deliveryId: string;
  at: string;
  /** The conversation it belongs to: entries of one lane are worked one at a time, in arrival order. */
  lane: string;
  /** The work it asks for, as `claimWork` keeps it. */
  payload: unknown;
  /** The request as it arrived, for the platform's library. */
  raw: unknown;
}

export interface InboxEntry {
  /** Arrival order, across the whole inbox. */
  seq: number;
  workspace: string;
  deliveryId: string;
  lane: string;
  at: string;
  payload: unknown;
  /** null for work kept before the inbox existed (only its payload was written down). */
  raw: unknown;
}

/** Which delivery an effect belongs to. */
export interface DeliveryRef {
  platform: string;
  workspace: string;
  deliveryId: string;
}

export interface DeliveryEffect {
  step: string;
  /** `begun`: the call was about to be made and its outcome is unknown; `done`: `result` is what it returned. */
  state: 'begun' | 'done';
  result: unknown;
  at: string;
}

export interface UnfinishedDelivery {
  workspace: string;
  deliveryId: string;
  at: string;
  payload: unknown;
}

/**
 * Storage could not take a write right now: `busy` (another process holds the
 * write lock; worth retrying shortly), `full` (no space left) or `failed`
 * (any other I/O failure). Thrown by ports whose callers must not block or guess.
 */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';

  constructor(
    readonly reason: 'busy' | 'full' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Time and ids come from outside so the core stays deterministic. */
export interface Clock {
  now(): Date;
}

export type IdGenerator = () => string;

/** Whether a scheduled digest run was claimed, and how it ended. */
export type DigestRunStatus = 'claimed' | 'sent' | 'skipped' | 'failed';

export interface DigestRun {
  subscriptionId: string;
  /** The ISO week (in the subscription's time zone) the run belongs to, e.g. "2026-W48". */
  week: string;
  scheduledAt: string;
  claimedAt: string;
  /** Which scheduler (process) claimed it, for the operator. */
  claimedBy: string;
  status: DigestRunStatus;
  late: boolean;
  finishedAt: string | null;
  detail: string | null;
}

/**
 * Weekly digests: subscriptions (one per channel), the run claims that make
 * each subscription post once a week whatever the number of schedulers, and
 * the aggregates a digest is built from. `allSubscriptions` is the one read
 * across workspaces: the scheduler serves every workspace.
 */
export interface DigestStore {
  weekFigures(workspace: string, window: DigestWindow, options?: DigestFigureOptions): Promise<WeekFigures>;
  weekTotals(workspace: string, window: DigestWindow): Promise<WeekTotals>;
  /** Creates or replaces the channel's subscription; returns what is stored. */
  subscribe(subscription: DigestSubscription): Promise<DigestSubscription>;
  /** False when the channel had none. */
  unsubscribe(platform: string, workspace: string, channel: string): Promise<boolean>;
  subscription(platform: string, workspace: string, channel: string): Promise<DigestSubscription | null>;
  allSubscriptions(): Promise<DigestSubscription[]>;
  /** True for exactly one caller per (subscription, week), across processes. */
  claimRun(run: Pick<DigestRun, 'subscriptionId' | 'week' | 'scheduledAt' | 'claimedAt' | 'claimedBy' | 'late'>): Promise<boolean>;
  finishRun(subscriptionId: string, week: string, outcome: { status: Exclude<DigestRunStatus, 'claimed'>; at: string; detail?: string }): Promise<void>;
  /** The newest run of a subscription, if any. */
  lastRun(subscriptionId: string): Promise<DigestRun | null>;
}

/**
 * Design reviews: the review (with its components) and its append-only trail
 * of changes. Every read and write is scoped to one workspace.
 */
export interface ReviewStore {
  /** Saves a new review; the id is the caller's and unique within the workspace. */
  create(review: Review): Promise<void>;
  /** Overwrites the mutable parts (name, status, components, nextComponent, anchor, updatedAt). */
  save(review: Review): Promise<void>;
  get(workspace: string, id: string): Promise<Review | null>;
  /** The review in that thread, if any. */
  findByThread(key: ThreadKey): Promise<Review | null>;
  /** Records where the living summary card was posted. False when there is no such review. */
  setAnchor(workspace: string, id: string, anchor: string): Promise<boolean>;
  /** Newest first. */
  list(workspace: string, options?: { platform?: string; channel?: string; status?: ReviewStatus; limit?: number }): Promise<ReviewListItem[]>;
  /** Appends to the trail and returns the entry with its sequence number. */
  appendChange(workspace: string, change: NewReviewChange): Promise<ReviewChange>;
  /** The whole trail, oldest first. */
  changes(workspace: string, reviewId: string): Promise<ReviewChange[]>;
  /**
   * Removes one person's words from the trails of a workspace's reviews on one
   * platform: their entries keep their place (the review's history still adds
   * up) but lose their text and author. Returns how many entries were scrubbed.
   */
  forgetUser(workspace: string, platform: string, user: string): Promise<number>;
  /** Runs `work` atomically: all its writes land or none do. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/** A workspace's settings, one row per workspace on one platform (a Slack team, a Discord guild, the terminal's "local"). */
export interface WorkspaceSettings {
  /** The region an assessment is priced in when its words and template name none; null = the catalog's home region. */
  region: string | null;
  /** The commitment assessments are priced with when their words ask for none; null = on-demand only. */
  commitment: CommitmentSetting | null;
  /** Who last changed them, and when (ISO time). */
  updatedBy: string;
  updatedAt: string;
}

/** A workspace's standing commitment: a Savings Plan or Reserved Instances (Spot is asked per workload, never for a workspace). */
export type CommitmentSetting = Pick<CommitmentAsk, 'term' | 'payment' | 'kindAssumed'> & { plan: Exclude<CommitmentAsk['plan'], 'spot'> };

/** Settings kept per workspace. Every read and write is scoped to one platform and workspace. */
export interface WorkspaceSettingsStore {
  get(platform: string, workspace: string): Promise<WorkspaceSettings | null>;
  /** Sets (or, with null, clears) the default region; returns the settings as stored. */
  setRegion(platform: string, workspace: string, region: string | null, by: string, at: string): Promise<WorkspaceSettings>;
  /** Sets (or, with null, clears) the standing commitment, keeping the region; returns the settings as stored. */
  setCommitment(platform: string, workspace: string, commitment: CommitmentSetting | null, by: string, at: string): Promise<WorkspaceSettings>;
}

/**
 * An app's grant in one workspace (or in a whole organisation), as an OAuth
 * install leaves it: the bot token every call on that workspace's behalf uses.
 */
export interface AppInstallation {
  platform: string;
  /** The workspace granted (a Slack team); null for an organisation-wide install. */
  workspace: string | null;
  /** The organisation (a Slack Enterprise Grid) the workspace belongs to, or the one an organisation-wide install covers; null when none. */
  organisation: string | null;
  botToken: string;
  botUserId: string | null;
  /** Who installed it, when the platform says. */
  installedBy: string | null;
  installedAt: string;
  /** The grant as the platform's library hands it over (scopes, refresh token and expiry), handed back to it whole. */
  details: unknown;
}

/** Which grant: a workspace's own, or (workspace null) an organisation's. */
export interface InstallationKey {
  platform: string;
  workspace: string | null;
  organisation: string | null;
}

/** A workspace whose grant was revoked: its data is erased once the grace period after `revokedAt` has passed. */
export interface PendingErasure {
  platform: string;
  workspace: string;
  revokedAt: string;
}

/** What erasing one workspace deleted. */
export interface ErasedWorkspace {
  conversations: number;
  turns: number;
  assessments: number;
  reviews: number;
  digestSubscriptions: number;
  settings: number;
  deliveries: number;
}

/**
 * Installations of the app in many workspaces: their grants, the workspaces
 * waiting for their data to be erased after an uninstall, and the single-use
 * states of installs in progress. Reads and writes are scoped to one
 * platform and workspace (or organisation); `erasuresDue` is the one read
 * across workspaces, for the background sweep.
 */
export interface InstallationStore {
  /**
   * Saves (or replaces) the grant for its workspace or organisation. A
   * reinstall within the grace period cancels the pending erasure: the
   * workspace keeps its data.
   */
  save(installation: AppInstallation): Promise<void>;
  /**
   * The grant serving a workspace: its own, else the organisation-wide one of
   * `organisation` (or, when that is null, of the organisation noted as having served it).
   */
  find(platform: string, workspace: string | null, organisation: string | null): Promise<AppInstallation | null>;
  /**
   * Deletes a grant's tokens at once and marks the data of every workspace
   * it served for erasure as of `at` (a workspace already marked keeps its
   * first date). Returns how many grants were deleted (0 on a repeat).
   */
  revoke(key: InstallationKey, at: string): Promise<number>;
  /** Notes that an organisation-wide grant served a workspace, so revoking it marks that workspace too. */
  noteServed(platform: string, organisation: string, workspace: string): Promise<void>;
  /** Workspaces marked for erasure at or before `revokedBefore`, oldest first. */
  erasuresDue(revokedBefore: string): Promise<PendingErasure[]>;
  /**
   * Deletes everything kept for one workspace on one platform (conversations
   * with their turns, assessments, reviews with their trails, digest
   * subscriptions and runs, settings, deliveries), all or nothing, if it is
   * still marked and has no grant; null (and nothing deleted) otherwise.
   */
  erase(platform: string, workspace: string): Promise<ErasedWorkspace | null>;
  /** Keeps an install's state until `expiresAt`. */
  saveState(state: string, expiresAt: string): Promise<void>;
  /** True exactly once for a state saved and not expired at `now`; it is gone afterwards (a replay is refused). */
  takeState(state: string, now: string): Promise<boolean>;
}
