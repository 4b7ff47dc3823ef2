/**
 * `PhoneNumber.isValid()` with the patterns compiled once. libphonenumber-js builds a new
 * RegExp from the metadata's pattern text on every check (its `matchesEntirely`), which was
 * the single largest cost of preparing an event (14 % of the profile). The rule is the
 * library's own (`isValidNumber` → `getNumberType`): the national number matches the plan's
 * national pattern and, when the plan lists number types, at least one type whose possible
 * lengths include it. A test compares this with `isValid()` over thousands of numbers, so a
 * library upgrade that changes the rule fails there, not in production.
 */
import { Metadata, type PhoneNumber } from 'libphonenumber-js/max';

/** The metadata methods the rule reads (untyped in libphonenumber-js's declarations). */
interface TypeDefinition {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface PlanMetadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  hasTypes(): boolean;
  nationalNumberPattern(): string;
  type(name: string): TypeDefinition | undefined;
}

/** FIXED_LINE first, then the library's NON_FIXED_LINE_PHONE_TYPES, in its order. */
const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

interface NumberType {
  pattern: RegExp;
  lengths: number[] | undefined;
}
interface Plan {
  national: RegExp;
  /** undefined: the plan lists no types, the national pattern decides alone. */
  types: NumberType[] | undefined;
}

const whole = (source: string) => new RegExp(`^(?:${source})$`);
/** One entry per numbering plan that was asked about (at most the ~250 in the metadata). */
const plans = new Map<string, Plan>();

function planFor(key: string): Plan {
  let plan = plans.get(key);
  if (plan) return plan;
  const metadata = new Metadata() as unknown as PlanMetadata;
  metadata.selectNumberingPlan(key);
  let types: NumberType[] | undefined;
  if (metadata.hasTypes()) {
    types = [];
    for (const name of TYPES) {
      const type = metadata.type(name);
      const source = type?.pattern();
      if (type && source) types.push({ pattern: whole(source), lengths: type.possibleLengths() });
    }
  }
  plan = { national: whole(metadata.nationalNumberPattern() || ''), types };
  plans.set(key, plan);
  return plan;
}

/** Exactly `number.isValid()`, without building a RegExp per check. */
export function isValidNumber(number: PhoneNumber): boolean {
  const key = number.country ?? number.countryCallingCode;
  if (!key) return false;
  const plan = planFor(key);
  const national = number.nationalNumber;
  if (!plan.national.test(national)) return false;
  if (!plan.types) return true;
  for (const type of plan.types) {
    if ((!type.lengths || type.lengths.includes(national.length)) && type.pattern.test(national)) return true;
  }
  return false;
}
