const decoder = new TextDecoder();

const alreadyRead = () => new TypeError('Body is unusable: Body has already been read');

/**
 * `Response` as a base class whose body members a subclass may redefine:
 * the DOM typings declare them as plain properties, which TypeScript will
 * not let a subclass turn into accessors. At run time it is `Response` itself.
 */
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => object;

/**
 * An upstream answer already read whole (upstream-fetch.ts), handed to a
 * plugin's SDK as a `Response`. One built on the bytes would wrap them in a
 * web stream only for the SDK to read them back out of it, which was most
 * of what handing an answer over cost. This one answers `text()`, `json()`,
 * `arrayBuffer()` and `bytes()` from the bytes; anything that wants the
 * stream (`body`, `blob()`, `formData()`) gets a standard `Response` built
 * then, which serves the body from there on, so a body is read once either way.
 */
class Buffered extends ResponseBase {
  readonly #bytes: Uint8Array;
  readonly #init: ResponseInit;
  readonly #url: string;
  #read = false;
  #streamed: Response | undefined;

  constructor(bytes: Uint8Array, init: ResponseInit, url: string) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
    this.#url = url;
  }

  get url(): string {
    return this.#url;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#stream().body;
  }

  get bodyUsed(): boolean {
    return this.#streamed ? this.#streamed.bodyUsed : this.#read;
  }

  text(): Promise<string> {
    if (this.#streamed) return this.#streamed.text();
    return this.#take((bytes) => decoder.decode(bytes));
  }

  json(): Promise<unknown> {
    if (this.#streamed) return this.#streamed.json();
    return this.#take((bytes) => JSON.parse(decoder.decode(bytes)));
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#streamed) return this.#streamed.arrayBuffer();
    // A copy: the bytes may be a Buffer, a view into a larger pooled buffer whose `slice` would not copy.
    return this.#take((bytes) => new Uint8Array(bytes).buffer as ArrayBuffer);
  }

  bytes(): Promise<Uint8Array> {
    if (this.#streamed) return this.#streamed.bytes();
    return this.#take((bytes) => new Uint8Array(bytes));
  }

  blob(): Promise<Blob> {
    return this.#stream().blob();
  }

  formData(): Promise<FormData> {
    return this.#stream().formData();
  }

  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    if (!this.#streamed) return bufferedResponse(this.#bytes, this.#init, this.#url);
    return atUrl(this.#streamed.clone(), this.#url);
  }

  #take<T>(read: (bytes: Uint8Array) => T): Promise<T> {
    if (this.#read) return Promise.reject(alreadyRead());
    this.#read = true;
    try {
      return Promise.resolve(read(this.#bytes));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #stream(): Response {
    if (!this.#streamed) {
      this.#streamed = new Response(this.#bytes, this.#init);
      // Read already: the stream starts used, as a standard Response's would.
      if (this.#read) this.#streamed.body?.cancel().catch(() => {});
    }
    return this.#streamed;
  }
}

/** A standard `Response` reporting `url`, which its constructor cannot set. */
function atUrl(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** The answer as the SDK gets it; no bytes (a 204, a `HEAD`) is a plain `Response` without a body. */
export function bufferedResponse(bytes: Uint8Array | null, init: ResponseInit, url: string): Response {
  if (!bytes) return atUrl(new Response(null, init), url);
  return new Buffered(bytes, init, url) as unknown as Response;
}
