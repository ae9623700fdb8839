/**
 * SatUNet (DIFFUSIONSAT.md §1-§2) and its down, mid and up blocks.
 *
 * <p>A ControlNet ({@code controlnet.py}, {@code from_unet}) builds {@code conv_in},
 * {@code time_embedding}, {@code metadata_embedding}, {@code down_blocks} and {@code mid_block}
 * with {@link diffusionsat.model.unet.UNetParts} under the same names in its own tree, computes
 * the embedding with {@link diffusionsat.model.unet.SatUNet#embed} (adding conditioning metadata
 * with {@code MetadataEmbedding.addTo}/{@code embedField}), runs
 * {@link diffusionsat.model.unet.SatUNet#runDownPath} to get the 12 skips, and returns
 * {@link diffusionsat.model.unet.AdditionalResiduals} that
 * {@code SatUNet.forward(inputs, residuals, probe)} adds to the skips and the mid output.
 */
package diffusionsat.model.unet;
