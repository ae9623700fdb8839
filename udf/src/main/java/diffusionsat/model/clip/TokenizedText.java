package diffusionsat.model.clip;

/**
 * One caption as the CLIP text encoder takes it.
 *
 * @param ids BOS, the first {@code maxLength - 2} token ids, EOS, then pad ids up to the
 *     tokenizer's maximum length (77 for SD 2.1)
 * @param truncated whether tokens were dropped to fit
 * @param tokenCount the number of tokens the caption produced, BOS and EOS excluded, before any
 *     truncation
 */
public record TokenizedText(int[] ids, boolean truncated, int tokenCount) {}
