// Latin labels for Hangul names: Revised Romanization, syllable by syllable (the rule for personal
// names: no sound changes across syllables), a three-syllable name split as family + given name.

const INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
                "yu", "eu", "ui", "i"];
const FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
                "ng", "t", "t", "k", "t", "p", "t"];
const FIRST = 0xac00;
const LAST = 0xd7a3;

function syllable(code) {
  const index = code - FIRST;
  const initial = Math.floor(index / 588);
  const vowel = Math.floor((index % 588) / 28);
  const final = index % 28;
  return INITIALS[initial] + VOWELS[vowel] + FINALS[final];
}

const capitalise = (word) => (word ? word[0].toUpperCase() + word.slice(1) : word);

/** "한미소" → "Han Miso"; "곰돌이" as a word → "Gomdoli"; text without Hangul → null. */
export function romanize(text, { personal = false } = {}) {
  const value = String(text || "");
  if (!/[\uac00-\ud7a3]/.test(value)) return null;
  const words = value.split(/\s+/).filter(Boolean).map((word) => {
    let out = "";
    for (const char of word) {
      const code = char.codePointAt(0);
      out += code >= FIRST && code <= LAST ? syllable(code) : char;
    }
    return out;
  });
  const hangulOnly = /^[\uac00-\ud7a3]{3}$/.test(value);
  if (personal && hangulOnly) {
    const [family, ...given] = [...value].map((c) => syllable(c.codePointAt(0)));
    return `${capitalise(family)} ${capitalise(given.join(""))}`;
  }
  return words.map(capitalise).join(" ");
}
