import { grown } from "./growable.ts";
import type { StringDictionary } from "./string-dictionary.ts";
import { ValueColumn } from "./value-column.ts";

/** log2 of the contacts per block (4096): the unit of event partitioning and of sampling for estimates. */
export const BLOCK_BITS = 12;

/**
 * The events of one name whose contacts lie in one block of contact indices, in arrival order
 * (append-only; a late event is appended like any other and carries its own time): contact
 * index, time, and one column per top-level property key, created when the key is first seen.
 */
export class EventBlock {
  rows = 0;
  contact = new Int32Array(0);
  ts = new Float64Array(0);
  readonly props = new Map<string, ValueColumn>();

  append(
    contactIndex: number,
    timestamp: number,
    properties: Readonly<Record<string, unknown>>,
    dict: StringDictionary,
  ): void {
    const r = this.rows++;
    this.contact = grown(this.contact, this.rows);
    this.ts = grown(this.ts, this.rows);
    this.contact[r] = contactIndex;
    this.ts[r] = timestamp;
    for (const key of Object.keys(properties)) {
      let column = this.props.get(key);
      if (column === undefined) {
        column = new ValueColumn(dict);
        this.props.set(key, column);
      }
      column.set(r, properties[key]);
    }
  }

  byteSize(): number {
    let bytes = this.contact.byteLength + this.ts.byteLength;
    for (const c of this.props.values()) bytes += c.byteSize();
    return bytes;
  }
}

/** Every event of one name, partitioned by contact block (`blocks[b]` undefined when empty). */
export class EventTable {
  readonly blocks: (EventBlock | undefined)[] = [];

  constructor(private readonly blockBits: number) {}

  append(
    contactIndex: number,
    timestamp: number,
    properties: Readonly<Record<string, unknown>>,
    dict: StringDictionary,
  ): void {
    const b = contactIndex >>> this.blockBits;
    let block = this.blocks[b];
    if (block === undefined) {
      while (this.blocks.length < b) this.blocks.push(undefined);
      block = new EventBlock();
      this.blocks[b] = block;
    }
    block.append(contactIndex, timestamp, properties, dict);
  }

  get rows(): number {
    let n = 0;
    for (const b of this.blocks) n += b?.rows ?? 0;
    return n;
  }
}
