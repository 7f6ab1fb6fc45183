/**
 * Exact decimal arithmetic for Decimal128, as mongod does it (IEEE 754-2008 decimal128: 34
 * significant digits, ties to even, the exponent of an exact result kept: 1.10 + 2.5 = 3.60).
 * A value is a BigInt coefficient and a power of ten, so adding money never goes through a
 * binary double. Doubles enter at 15 significant digits in updates (mongod's SafeNum) and
 * exactly (rounded to 34 digits) in accumulators, ints and longs exactly.
 */
import { Decimal128, Double, Int32, Long } from 'bson';

const DIGITS = 34;
const MAX_EXP = 6111;
const MIN_EXP = -6176;

type Finite = { kind: 'finite'; neg: boolean; coef: bigint; exp: number };
type Dec = Finite | { kind: 'nan' } | { kind: 'inf'; neg: boolean };

const NAN: Dec = { kind: 'nan' };
const pow10 = (n: number) => 10n ** BigInt(n);
const digitsOf = (c: bigint) => (c === 0n ? 1 : c.toString().length);

function parse(text: string): Dec {
  if (/nan/i.test(text)) return NAN;
  if (/inf/i.test(text)) return { kind: 'inf', neg: text.startsWith('-') };
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return NAN;
  const frac = m[3] ?? '';
  return {
    kind: 'finite',
    neg: m[1] === '-',
    coef: BigInt(`${m[2] ?? ''}${frac}` || '0'),
    exp: Number(m[4] ?? 0) - frac.length,
  };
}

/** A double's exact binary value as a decimal (a double is m × 2^e, and 2^-k = 5^k × 10^-k). */
function exactDouble(d: number): Dec {
  if (Number.isNaN(d)) return NAN;
  if (!Number.isFinite(d)) return { kind: 'inf', neg: d < 0 };
  const neg = d < 0 || Object.is(d, -0);
  let x = Math.abs(d);
  if (x === 0) return { kind: 'finite', neg, coef: 0n, exp: 0 };
  let e = 0;
  while (!Number.isInteger(x)) {
    x *= 2; // exact: scaling by two only changes the binary exponent
    e--;
  }
  let m = BigInt(x);
  while (e < 0 && m % 2n === 0n) {
    m /= 2n;
    e++;
  }
  return e < 0
    ? { kind: 'finite', neg, coef: m * 5n ** BigInt(-e), exp: e }
    : { kind: 'finite', neg, coef: m, exp: 0 };
}

/**
 * Rounds to `digits` significant digits, ties to even. `sticky`: a nonzero rest below the
 * coefficient's last digit was already cut (a division), so an apparent tie rounds up.
 */
function round(v: Finite, digits = DIGITS, sticky = false): Finite {
  const extra = digitsOf(v.coef) - digits;
  if (extra <= 0) return v;
  const div = pow10(extra);
  let q = v.coef / div;
  const twice = 2n * (v.coef % div);
  if (twice > div || (twice === div && (sticky || q % 2n === 1n))) q += 1n;
  let exp = v.exp + extra;
  if (digitsOf(q) > digits) {
    q /= 10n; // 99…9 rounded up to 10…0: dividing by ten is exact
    exp++;
  }
  return { ...v, coef: q, exp };
}

/** Fits the exponent range: a large exponent is clamped by padding zeros, a tiny one rounded off. */
function fitRange(v: Finite): Dec {
  let r = round(v);
  if (r.exp < MIN_EXP) {
    const keep = digitsOf(r.coef) - (MIN_EXP - r.exp);
    r = keep > 0 ? round(r, keep) : { ...r, coef: 0n, exp: MIN_EXP };
  }
  while (r.exp > MAX_EXP && r.coef !== 0n && digitsOf(r.coef) < DIGITS)
    r = { ...r, coef: r.coef * 10n, exp: r.exp - 1 };
  if (r.exp > MAX_EXP) return r.coef === 0n ? { ...r, exp: MAX_EXP } : { kind: 'inf', neg: r.neg };
  return r;
}

function toDecimal128(v: Dec): Decimal128 {
  if (v.kind === 'nan') return Decimal128.fromString('NaN');
  if (v.kind === 'inf') return Decimal128.fromString(v.neg ? '-Infinity' : 'Infinity');
  const f = fitRange(v);
  if (f.kind !== 'finite') return toDecimal128(f);
  return Decimal128.fromString(`${f.neg ? '-' : ''}${f.coef}E${f.exp}`);
}

/** A BSON number as a decimal; `doubleDigits`: 15 as in updates, 0 for the exact value (accumulators). */
function fromNumber(v: unknown, doubleDigits: 15 | 0): Dec {
  if (v instanceof Decimal128) return parse(v.toString());
  if (v instanceof Long) return fromBigInt(v.toBigInt());
  if (typeof v === 'bigint') return fromBigInt(v);
  if (v instanceof Int32) return fromBigInt(BigInt(v.value));
  const d = v instanceof Double ? v.value : Number(v);
  if (Number.isInteger(d) && !(v instanceof Double) && !Object.is(d, -0)) return fromBigInt(BigInt(d));
  const exact = exactDouble(d);
  if (exact.kind !== 'finite' || doubleDigits === 0 || exact.coef === 0n) return exact;
  // mongod quantizes a converted double to exactly 15 significant digits (2.5 → 2.50000000000000).
  const r = round(exact, 15);
  const pad = 15 - digitsOf(r.coef);
  return { ...r, coef: r.coef * pow10(pad), exp: r.exp - pad };
}

const fromBigInt = (n: bigint): Dec => ({ kind: 'finite', neg: n < 0n, coef: n < 0n ? -n : n, exp: 0 });

function add(a: Dec, b: Dec): Dec {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return NAN;
    return a.kind === 'inf' ? a : b;
  }
  const exp = Math.min(a.exp, b.exp);
  const x = (a.neg ? -a.coef : a.coef) * pow10(a.exp - exp);
  const y = (b.neg ? -b.coef : b.coef) * pow10(b.exp - exp);
  const s = x + y;
  // An exact zero sum is positive, unless both were negative (IEEE, rounding to nearest).
  const neg = s < 0n || (s === 0n && a.neg && b.neg);
  return { kind: 'finite', neg, coef: s < 0n ? -s : s, exp };
}

function mul(a: Dec, b: Dec): Dec {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf' || b.kind === 'inf') {
    const other = a.kind === 'inf' ? b : a;
    return other.kind === 'finite' && other.coef === 0n ? NAN : { kind: 'inf', neg };
  }
  return { kind: 'finite', neg, coef: a.coef * b.coef, exp: a.exp + b.exp };
}

function div(a: Dec, b: Dec): Dec {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf') return b.kind === 'inf' ? NAN : { kind: 'inf', neg };
  if (b.kind === 'inf') return { kind: 'finite', neg, coef: 0n, exp: 0 };
  if (b.coef === 0n) return a.coef === 0n ? NAN : { kind: 'inf', neg };
  const ideal = a.exp - b.exp;
  if (a.coef === 0n) return { kind: 'finite', neg, coef: 0n, exp: ideal };
  // Enough digits for 34 significant ones and a rounding digit, then the rest is the sticky bit.
  const k = Math.max(0, DIGITS + 2 + digitsOf(b.coef) - digitsOf(a.coef));
  let q = (a.coef * pow10(k)) / b.coef;
  const rest = (a.coef * pow10(k)) % b.coef;
  let exp = ideal - k;
  if (rest === 0n) {
    // Exact: the exponent comes back as close to the ideal one as the digits allow.
    while (exp < ideal && q % 10n === 0n) {
      q /= 10n;
      exp++;
    }
    return { kind: 'finite', neg, coef: q, exp };
  }
  return round({ kind: 'finite', neg, coef: q, exp }, DIGITS, true);
}

/** a + b (or a × b) where one is a Decimal128: the result is a Decimal128, computed exactly. */
export function decimalArithmetic(a: unknown, b: unknown, op: 'add' | 'mul'): Decimal128 {
  const x = fromNumber(a, 15);
  const y = fromNumber(b, 15);
  return toDecimal128(op === 'add' ? add(x, y) : mul(x, y));
}

/**
 * A running $sum / $avg with mongod's result type: int while every value is an int and the
 * total fits, long once a long is seen (or ints overflow), double once a double is seen (or a
 * long overflows), decimal once a decimal is seen (everything then added exactly).
 */
export class NumericTotal {
  private kind: 'int' | 'long' | 'double' | 'decimal' = 'int';
  private integer = 0n;
  private double = 0;
  private decimal: Dec = { kind: 'finite', neg: false, coef: 0n, exp: 0 };
  private sawDecimal = false;
  count = 0;

  add(v: unknown): void {
    this.count++;
    if (v instanceof Decimal128) {
      this.sawDecimal = true;
      this.decimal = add(this.decimal, fromNumber(v, 0));
      return;
    }
    if (v instanceof Long || typeof v === 'bigint') {
      if (this.kind === 'int') this.kind = 'long';
      this.integer += v instanceof Long ? v.toBigInt() : v;
      this.double += Number(v instanceof Long ? v.toBigInt() : v);
      return;
    }
    const d = v instanceof Double ? v.value : v instanceof Int32 ? v.value : (v as number);
    const isInt =
      !(v instanceof Double) && Number.isInteger(d) && d >= -(2 ** 31) && d < 2 ** 31 && !Object.is(d, -0);
    if (isInt) this.integer += BigInt(d);
    else this.kind = 'double';
    this.double += d;
  }

  /** The total as a BSON value (with a decimal seen, the other values join it exactly). */
  sum(): unknown {
    if (this.sawDecimal) return toDecimal128(this.decimalTotal());
    if (this.kind === 'int' && this.integer >= -(2n ** 31n) && this.integer < 2n ** 31n)
      return Number(this.integer);
    if (this.kind !== 'double' && this.integer >= -(2n ** 63n) && this.integer < 2n ** 63n)
      return Long.fromBigInt(this.integer);
    return new Double(this.kind === 'double' ? this.double : Number(this.integer));
  }

  /** The mean: a double, or a decimal when a decimal was averaged; null when nothing was. */
  average(): unknown {
    if (this.count === 0) return null;
    if (this.sawDecimal) return toDecimal128(div(this.decimalTotal(), fromBigInt(BigInt(this.count))));
    const total = this.kind === 'double' ? this.double : Number(this.integer);
    return new Double(total / this.count);
  }

  private decimalTotal(): Dec {
    const rest = this.kind === 'double' ? exactDouble(this.double) : fromBigInt(this.integer);
    return add(this.decimal, rest);
  }
}

/** The value without trailing zeros in its coefficient (1.50 and 1.5 alike). */
function normalized(v: Finite): Finite {
  if (v.coef === 0n) return { ...v, neg: false, coef: 0n, exp: 0 };
  let { coef, exp } = v;
  while (coef % 10n === 0n) {
    coef /= 10n;
    exp++;
  }
  return { ...v, coef, exp };
}

/**
 * What a Decimal128 is equal to, for hash keys: the double it equals exactly (so Decimal('0.5')
 * meets 0.5, and Decimal('3') meets 3 and Long(3)), else an exact text of its value (so
 * Decimal('0.1') does not meet the double 0.1, and 0.4 and 0.4 + 1E-30 stay apart).
 */
export function decimalKey(v: Decimal128): number | string {
  const d = parse(v.toString());
  if (d.kind === 'nan') return Number.NaN;
  if (d.kind === 'inf') return d.neg ? -Infinity : Infinity;
  const n = normalized(d);
  const asDouble = Number(v.toString());
  const back = exactDouble(asDouble);
  if (back.kind === 'finite') {
    const b = normalized(back);
    if (b.coef === n.coef && b.exp === n.exp && (b.neg === n.neg || n.coef === 0n)) return asDouble;
  }
  const sign = n.neg ? '-' : '';
  // An integer too large for a double may equal a Long: the same text as a Long's key.
  if (n.exp >= 0 && n.exp < 20) return `n${sign}${n.coef * pow10(n.exp)}`;
  return `m${sign}${n.coef}e${n.exp}`;
}

/** Exact comparison of two BSON numbers where one is a Decimal128 and their doubles are equal. */
export function compareExactly(a: unknown, b: unknown): number {
  const x = fromNumber(a, 0);
  const y = fromNumber(b, 0);
  if (x.kind !== 'finite' || y.kind !== 'finite') return 0;
  const s = add(x, { ...y, neg: !y.neg });
  return s.kind !== 'finite' || s.coef === 0n ? 0 : s.neg ? -1 : 1;
}
