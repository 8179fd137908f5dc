// Type declarations for thywill.js, the browser half of Thywill.Blazor.
// The global `thywill` keeps every slot of the seed's API and adds a modern, Promise-based surface.

declare namespace Thywill {
    /** Why a request, a send or the connection failed: `error.code`. */
    type ErrorCode =
        | 'too-large' | 'not-ready' | 'disconnected' | 'rate-limited' | 'rejected' | 'invalid'
        | 'not-found' | 'no-permission' | 'invalid-channel' | 'not-member' | 'too-many-channels'
        | 'timeout' | 'start-failed' | 'failed' | 'gap'
        | string;

    /** An Error with a named reason. */
    interface ThywillError extends Error {
        code: ErrorCode;
        /** The channel, for channel operations. */
        channel?: string;
    }

    /** `connecting` → `ready`; on a drop `reconnecting` → `resumed` → `ready`, or `disconnected`; `failed` when the bootstrap fails. */
    type State = 'connecting' | 'ready' | 'reconnecting' | 'resumed' | 'disconnected' | 'failed';

    /** A resource as the seed listed it. */
    interface Resource {
        type: 'script' | 'style';
        resource: string;
    }

    /** The per-client configuration (`thywill.config`). */
    interface Config {
        /** The seed's name for the client id. */
        uuid: string;
        clientId: string;
        applicationId: string;
        /** Whether this bootstrap resumed an earlier identity (reload, new circuit). */
        resumed: boolean;
        bootstrap_resources: Resource[];
        bootstrap_parameters: Record<string, unknown>;
        application_resources: Resource[];
        application_parameters: Record<string, unknown>;
    }

    /** A message pushed to this client. */
    interface Envelope<T = unknown> {
        id: string;
        channel: string;
        epoch: string;
        offset: number;
        /** The sending client, or null when the server sent it. */
        from: string | null;
        data: T;
        /** Milliseconds since the Unix epoch. */
        ts: number;
    }

    interface PresenceMember {
        clientId: string;
        userId: string | null;
        info: unknown;
    }

    interface PresenceEvent {
        type: 'presence';
        channel: string;
        action: 'join' | 'leave' | 'update';
        member: PresenceMember;
    }

    /** How recovering a channel went after a reconnect, a reload or a slow period. */
    interface RecoveryEvent {
        type: 'recovery';
        channel: string;
        /** False when retention had already removed some of what was missed: reload your state. */
        recovered: boolean;
        epoch: string;
        fromOffset: number;
        delivered: number;
    }

    interface Confirmation {
        id: string;
        message: unknown;
    }

    interface JoinOptions {
        /** Deliver everything the channel keeps first. */
        history?: boolean;
        /** Display information for the channel's presence. */
        info?: unknown;
    }

    interface JoinResult {
        channel: string;
        epoch: string;
        offset: number;
        /** The members, when the channel has presence; else null. */
        presence: PresenceMember[] | null;
    }

    interface PublishOptions {
        /** Do not deliver the publication back to this client. */
        excludeSelf?: boolean;
    }

    interface PublishResult {
        id: string;
        channel: string;
        offset: number;
    }

    interface Events {
        message: Envelope;
        state: State;
        error: ThywillError;
        presence: PresenceEvent;
        recovery: RecoveryEvent;
    }

    /** `thywill.send`: a function (the modern send) that also carries the seed's slots. */
    interface Send {
        /** Sends to the application; resolves with the server's acknowledgement. */
        (data: unknown): Promise<Confirmation>;
        /** The seed's send: fire and forget, answered through onConfirm / onError. */
        fn(message: unknown): void;
        /** Set by the application: the server accepted a send. */
        onConfirm: ((confirmation: Confirmation) => void) | null;
        /** Set by the application: a send failed. */
        onError: ((error: ThywillError) => void) | null;
    }

    interface Api {
        /** The per-client configuration, filled when the bootstrap completes. */
        config: Config;

        /** The connection indicator: true for the default one, false for none, or your own function. */
        indicator: boolean | ((state: State, error: ThywillError | null) => void);

        push: {
            /** Set by the application: a message for this client arrived (its data; a string stays a string). */
            onReceipt: ((message: unknown) => void) | null;
            /** Set by the application: the connection failed. */
            onError: ((error: ThywillError) => void) | null;
        };

        send: Send;

        application: {
            /** Set by the application: the startup function, run once the bootstrap completes. */
            fn: ((config: Config) => void) | null;
            /** Called by the application: run `fn` when the bootstrap is done. */
            ready(): void;
        };

        bootstrap: {
            /** The circuit drives the bootstrap; returns the Promise of the configuration. */
            fn(): Promise<Config>;
        };

        /** The connection state. */
        readonly state: State;

        /** Resolves with the configuration when the bootstrap completes; rejects if it fails. */
        ready(): Promise<Config>;

        on<K extends keyof Events>(name: K, fn: (event: Events[K]) => void): Api;
        off<K extends keyof Events>(name: K, fn: (event: Events[K]) => void): Api;

        /** Joins a channel (the application's rules and hook decide). */
        join(channel: string, options?: JoinOptions): Promise<JoinResult>;
        /** Leaves a channel. */
        leave(channel: string): Promise<{ channel: string }>;
        /** Calls one of the application's server functions; rejects with `code` not-found, no-permission, invalid-argument, timeout, disconnected or failed. */
        call<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
        /** Publishes to a channel this client is a member of. */
        publish(channel: string, data: unknown, options?: PublishOptions): Promise<PublishResult>;
    }
}

declare const thywill: Thywill.Api;
