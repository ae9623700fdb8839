/**
 * DiffusionSat networks on DJL's PyTorch engine, named like diffusers 0.17 so that every parameter
 * path is its checkpoint key (STYLE.md §3.2).
 *
 * <p>How to add a network (CLIP text encoder, ControlNets):
 *
 * <ol>
 *   <li>Parse its {@code config.json} into a validated record with {@link
 *       diffusionsat.model.ConfigJson} (unsupported options are refused, never ignored).
 *   <li>Extend {@link diffusionsat.model.DiffusersBlock}; in the constructor, in forward order,
 *       register children under their diffusers attribute names ({@code child},
 *       {@code childList}) and declare own tensors ({@code parameter}). Reuse
 *       {@code diffusionsat.model.ops} (Linear, Conv2d, GroupNorm, LayerNorm, Attention,
 *       FeedForward/GEGLU), {@code diffusionsat.model.blocks} (ResnetBlock2D, Downsample2D,
 *       Upsample2D, BasicTransformerBlock, Transformer2DModel), {@code
 *       diffusionsat.model.embeddings} (Timesteps, TimestepEmbedding, MetadataEmbedding) and
 *       {@code diffusionsat.model.unet.UNetParts} (the SatUNet pieces a ControlNet copies).
 *   <li>Wrap each forward in {@code ops.Scope.run} so its temporaries are freed on return;
 *       never make a parameter the first operand of an op (results live in the first operand's
 *       manager).
 *   <li>Check {@code parameterShapes()} against the key list in shared/docs/diffusionsat-keys/,
 *       load with {@code load(StateDict, NDManager, ModelDType)} (strict), and add a
 *       {@code CaseRunner} for its reference cases to {@code ReferenceParityTest}.
 * </ol>
 */
package diffusionsat.model;
