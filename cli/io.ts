// Where the command line writes, and what it reads from its environment: injectable, so tests can
// run main() in-process and read what it printed.

export interface Writer {
  write(chunk: string): unknown;
}

export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  env: Readonly<Record<string, string | undefined>>;
}

/** A writer that keeps what it is given, for tests and for printing everything at once. */
export class BufferWriter implements Writer {
  text = '';
  write(chunk: string): true {
    this.text += chunk;
    return true;
  }
}
