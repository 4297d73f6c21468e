/**
 * Lemmatization by lookup: a word's dictionary form ("mice" → "mouse", "went" → "go").
 * Unlike a stemmer, a lemmatizer returns real words, so it needs data: here a small table
 * of common English irregular forms (facts of English grammar), plus WordNet's regular
 * detachment rules (Miller et al., WordNet's `morphy`: "-ies" → "-y", "-es" → "", "-ed" →
 * "" ...) which are only trusted when the candidate is in a lexicon you supply — without
 * one, "bus" would become "bu".
 */

export type PartOfSpeech = 'noun' | 'verb' | 'adj';

const IRREGULAR: Record<PartOfSpeech, Record<string, string>> = {
  noun: Object.fromEntries(
    ('men:man women:woman children:child mice:mouse geese:goose feet:foot teeth:tooth people:person oxen:ox lice:louse ' +
      'dice:die data:datum criteria:criterion phenomena:phenomenon analyses:analysis theses:thesis crises:crisis ' +
      'indices:index matrices:matrix vertices:vertex wolves:wolf knives:knife wives:wife lives:life leaves:leaf ' +
      'halves:half shelves:shelf loaves:loaf thieves:thief cacti:cactus fungi:fungus nuclei:nucleus radii:radius ' +
      'stimuli:stimulus alumni:alumnus bacteria:bacterium media:medium curricula:curriculum axes:axis')
      .split(' ').map((p) => p.split(':') as [string, string]),
  ),
  verb: Object.fromEntries(
    ('am:be is:be are:be was:be were:be been:be being:be has:have had:have having:have does:do did:do done:do ' +
      'went:go gone:go goes:go saw:see seen:see took:take taken:take gave:give given:give ate:eat eaten:eat ' +
      'came:come ran:run made:make said:say got:get gotten:get knew:know known:know thought:think brought:bring ' +
      'bought:buy caught:catch taught:teach fought:fight sought:seek found:find told:tell sold:sell held:hold ' +
      'stood:stand understood:understand left:leave felt:feel kept:keep slept:sleep meant:mean sent:send spent:spend ' +
      'built:build began:begin begun:begin wrote:write written:write spoke:speak spoken:speak broke:break broken:break ' +
      'chose:choose chosen:choose drove:drive driven:drive rode:ride ridden:ride rose:rise risen:rise fell:fall fallen:fall ' +
      'forgot:forget forgotten:forget grew:grow grown:grow threw:throw thrown:throw flew:fly flown:fly drew:draw drawn:draw ' +
      'swam:swim swum:swim sang:sing sung:sing drank:drink drunk:drink sat:sit met:meet led:lead fed:feed paid:pay ' +
      'laid:lay lay:lie lain:lie won:win lost:lose shot:shoot struck:strike hung:hang dug:dig stuck:stick wore:wear worn:wear')
      .split(' ').map((p) => p.split(':') as [string, string]),
  ),
  adj: Object.fromEntries(
    ('better:good best:good worse:bad worst:bad more:much most:much less:little least:little further:far furthest:far ' +
      'farther:far farthest:far elder:old eldest:old')
      .split(' ').map((p) => p.split(':') as [string, string]),
  ),
};

/** WordNet morphy's detachment rules (suffix → replacement), tried in order. */
const RULES: Record<PartOfSpeech, readonly (readonly [string, string])[]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
};

/**
 * The lemma of a lowercase word: the irregular-forms table first, then (only with a
 * `lexicon` of known lemmas) the first regular rule whose result is in the lexicon; else
 * the word itself.
 *
 * ```ts
 * lemmatize('mice');                                   // 'mouse'
 * lemmatize('went', 'verb');                           // 'go'
 * lemmatize('boxes', 'noun', new Set(['box']));        // 'box'
 * lemmatize('boxes');                                  // 'boxes' (no lexicon, no rule)
 * ```
 */
export function lemmatize(word: string, pos: PartOfSpeech = 'noun', lexicon?: ReadonlySet<string>): string {
  const irregular = IRREGULAR[pos][word];
  if (irregular !== undefined) return irregular;
  if (lexicon) {
    if (lexicon.has(word)) return word;
    for (const [suffix, repl] of RULES[pos]) {
      if (word.length > suffix.length && word.endsWith(suffix)) {
        const candidate = word.slice(0, word.length - suffix.length) + repl;
        if (lexicon.has(candidate)) return candidate;
      }
    }
  }
  return word;
}
