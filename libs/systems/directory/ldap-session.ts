import { Client } from 'ldapts';
import { isSystemError, type SystemError } from '../system-error';
import { classifyLdapError, isLdapConnectionFailure } from './ldap-errors';

export interface LdapSessionOptions {
  url: string;
  bindDn: string;
  bindPassword: string;
  timeoutMs: number;
  tlsCa?: string;
}

/**
 * One long-lived, bound LDAP connection shared by every operation of a process. When the connection
 * breaks (the server restarted, a firewall dropped it) the next operation binds a fresh one; an
 * operation that fails on a broken connection reconnects and is retried once, which is safe because
 * every directory operation of the driver is idempotent.
 */
export class LdapSession {
  private client: Client | undefined;
  /** The client once its bind succeeded. */
  private established: Client | undefined;
  private ready: Promise<Client> | undefined;
  private closed = false;
  /** How many binds this session made: 1 plus one per reconnect (for tests and metrics). */
  connections = 0;

  constructor(private readonly options: LdapSessionOptions) {}

  /** Runs `work` on the bound connection; throws a classified SystemError on failure. */
  async run<T>(operation: string, work: (client: Client) => Promise<T>): Promise<T> {
    let client: Client | undefined;
    try {
      client = await this.connection();
      return await work(client);
    } catch (error) {
      if (this.closed || !isLdapConnectionFailure(error)) throw this.classify(operation, error);
      this.drop(client);
    }
    let retryClient: Client | undefined;
    try {
      retryClient = await this.connection();
      return await work(retryClient);
    } catch (error) {
      if (isLdapConnectionFailure(error)) this.drop(retryClient);
      throw this.classify(operation, error);
    }
  }

  /** Unbinds for good (application shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    this.established = undefined;
    this.ready = undefined;
    await client?.unbind().catch(() => undefined);
  }

  get isConnected(): boolean {
    return this.client?.isBound ?? false;
  }

  private classify(operation: string, error: unknown): SystemError {
    // The driver's own verdicts ("no such person") pass through unchanged.
    return isSystemError(error) ? error : classifyLdapError(operation, error);
  }

  private connection(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('the LDAP session is closed (application shutdown)'));
    // ldapts reconnects a dropped socket by itself but without binding again, so operations would
    // silently run anonymously: a connection that lost its bind is replaced.
    if (this.established && !this.established.isBound) this.drop(this.established);
    if (!this.ready) {
      const client = new Client({
        url: this.options.url,
        timeout: this.options.timeoutMs,
        connectTimeout: this.options.timeoutMs,
        tlsOptions: this.options.tlsCa ? { ca: this.options.tlsCa } : undefined,
      });
      this.client = client;
      this.ready = client.bind(this.options.bindDn, this.options.bindPassword).then(
        () => {
          this.connections += 1;
          if (this.client === client) this.established = client;
          return client;
        },
        (error: unknown) => {
          this.drop(client);
          throw error;
        },
      );
    }
    return this.ready;
  }

  /**
   * Forgets `client` if it is still the current one: concurrent operations that all met the same
   * broken connection must not drop the fresh connection one of them has just made.
   */
  private drop(client: Client | undefined): void {
    if (!client || client !== this.client) return;
    this.client = undefined;
    this.established = undefined;
    this.ready = undefined;
    void client?.unbind().catch(() => undefined);
  }
}
