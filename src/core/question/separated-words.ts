import { cutKnown } from "../language/segment.ts";

/** A verb, an aspect (完, 了, 过), maybe a count (个, 几次), and what may be its object. */
const SEPARATED =
  /(\p{Script=Han})(完|了|过)(?:个|一个|一次|几次|两次)?(?![多几什啥哪怎谁])(\p{Script=Han}{1,2})/gu;

/**
 * A verb and its object written apart by an aspect or a count (见完面, 打了个电话, 见过几次面), as the word they
 * make (见面, 打电话): chat splits them, articles seldom do. Only where jieba's dictionary starts a word at the
 * object (not in 已完成, 不了解, whose 完 and 了 begin words) and holds the verb and the object as one; never
 * before a question word (过了多久 is no 过多).
 */
export function joinSeparated(text: string): string {
  return text.replace(SEPARATED, (all, verb: string, _aspect: string, object: string) => {
    const starts = new Set<number>();
    let at = 0;
    for (const word of cutKnown(all)) {
      starts.add(at);
      at += word.length;
    }
    if (!starts.has(all.length - object.length)) return all;
    for (const part of [object, object.slice(0, 1)]) {
      const joined = cutKnown(verb + part);
      if (joined.length === 1 && joined[0] === verb + part) return verb + object;
    }
    return all;
  });
}
