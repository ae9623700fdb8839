/**
 * LPIPS v0.1 with the AlexNet backbone (Zhang et al. 2018) as {@link
 * diffusionsat.model.DiffusersBlock}s, named as torchvision's AlexNet ({@code features.N.*}) and
 * the lpips package's heads ({@code linK.model.1.weight}) are in their weight files.
 */
package diffusionsat.model.lpips;
