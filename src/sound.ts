/**
 * How Chinese text sounds: its pinyin without tones, syllable by syllable (株洲 and 株州 both
 * `zhu zhou`). Used to recognise a word typed with the right sound and the wrong character, by
 * the command lookup (src/bot) and the unit lookup (src/domain) alike. pinyin-pro is loaded on
 * first use: most messages never need it.
 */
export async function soundOf(): Promise<(text: string) => string> {
  const { pinyin } = await import('pinyin-pro');
  return (text) => pinyin(text, { toneType: 'none', type: 'array', v: true }).join(' ');
}
