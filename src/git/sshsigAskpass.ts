import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The helper ssh-keygen runs for a passphrase (`SSH_ASKPASS`). It prints the
 * first line of the FIFO named by `AIPROV_ASKPASS_FIFO`; without one (the
 * first, probing attempt) it answers nothing, so ssh-keygen fails with
 * "incorrect passphrase" instead of waiting on a terminal the editor does not
 * have. `head` reads the FIFO: the passphrase is never in an argv, an
 * environment variable or a file on disk.
 */
const SCRIPT = ['#!/bin/sh', '[ -n "$AIPROV_ASKPASS_FIFO" ] && [ -p "$AIPROV_ASKPASS_FIFO" ] || exit 1', 'exec head -n 1 -- "$AIPROV_ASKPASS_FIFO"', ''].join('\n');

/**
 * A private (0700) temporary folder with the askpass script and a FIFO
 * (0600). Each {@link Askpass.run} writes the passphrase into the FIFO's
 * kernel buffer, runs ssh-keygen, and closes the FIFO, which discards what
 * was not read. {@link Askpass.dispose} removes everything.
 */
export class Askpass {
  private constructor(private readonly dir: string) {}

  private get script(): string {
    return path.join(this.dir, 'askpass.sh');
  }

  private get fifo(): string {
    return path.join(this.dir, 'passphrase');
  }

  /** Creates the folder, the script and the FIFO; throws when the platform has no `mkfifo`. */
  static create(): Askpass {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-askpass-'));
    const a = new Askpass(dir);
    try {
      fs.chmodSync(dir, 0o700);
      fs.writeFileSync(a.script, SCRIPT, { mode: 0o700 });
      const r = spawnSync('mkfifo', ['-m', '600', a.fifo], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.error ? r.error.message : r.stderr.trim() || `mkfifo: exit ${r.status}`);
      return a;
    } catch (e) {
      a.dispose();
      throw new Error(`cannot pass a passphrase to ssh-keygen here (${(e as Error).message}); load the key into ssh-agent instead`);
    }
  }

  /**
   * The environment for ssh-keygen: always our askpass (`force`, OpenSSH
   * 8.4+, so it never reads a terminal); the FIFO only when a passphrase is
   * being handed over.
   */
  env(withFifo: boolean): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, SSH_ASKPASS: this.script, SSH_ASKPASS_REQUIRE: 'force' };
    delete env.AIPROV_ASKPASS_FIFO;
    if (withFifo) env.AIPROV_ASKPASS_FIFO = this.fifo;
    return env;
  }

  /** Runs `fn` with `passphrase` waiting in the FIFO; the FIFO is closed (its content dropped) afterwards. */
  async run<T>(passphrase: string, fn: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
    if (/[\r\n]/.test(passphrase)) throw new Error('a passphrase cannot contain a line break');
    // O_RDWR does not wait for a reader (Linux, macOS), and keeps the FIFO
    // open so `head` finds the line whenever ssh-keygen asks.
    const fd = fs.openSync(this.fifo, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
    try {
      fs.writeSync(fd, `${passphrase}\n`);
      return await fn(this.env(true));
    } finally {
      fs.closeSync(fd);
    }
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
