/**
 * The FID Inception-v3 (pytorch-fid's port of TensorFlow's 2015-12-05 Inception graph) as
 * {@link diffusionsat.model.DiffusersBlock}s named as torchvision's {@code Inception3}
 * ({@code Conv2d_1a_3x3.conv.weight}, {@code Mixed_7c.branch_pool.bn.running_var}, {@code fc.*}),
 * the names of its weight file {@code pt_inception-2015-12-05-6726825d.pth}.
 */
package diffusionsat.model.inception;
