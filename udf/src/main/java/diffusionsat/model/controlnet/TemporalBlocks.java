package diffusionsat.model.controlnet;

import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.UNetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code temporal_blocks} of controlnet_3d.py (DIFFUSIONSAT.md §3.2): one slot per skip. Slot 0
 * (conv_in) and each downsampler's slot hold a {@link TransformerTemporalModel}; the resnet
 * slots are {@code nn.Identity}, which has no weights and so no child here. For SD 2.1 the
 * transformers sit at 0, 3, 6, 9: slot 0 with the configured heads (upstream 8 × 64) and 32
 * groups; a downsampler slot of level L with C / attention_head_dim[L] heads of dimension
 * attention_head_dim[L] and norm_num_groups groups (upstream passes the "head dim" as the head
 * size there, unlike Transformer2DModel).
 */
final class TemporalBlocks extends DiffusersBlock {
    /** Per slot: its transformer, or null for Identity. */
    private final List<TransformerTemporalModel> slots = new ArrayList<>();

    TemporalBlocks(ControlNet3DConfig config) {
        UNetConfig trunk = config.trunk();
        ControlNet3DConfig.TemporalHeads first = config.firstTemporalBlock();
        add(new TransformerTemporalModel(trunk.blockOutChannels().get(0), first.heads(),
                first.headDim(), ControlNet3DConfig.FIRST_TEMPORAL_BLOCK_GROUPS));
        for (int level = 0; level < trunk.numBlocks(); level++) {
            for (int layer = 0; layer < trunk.layersPerBlock(); layer++) {
                add(null);
            }
            if (level < trunk.numBlocks() - 1) {
                int channels = trunk.blockOutChannels().get(level);
                int headDim = trunk.attentionHeads().get(level);
                add(new TransformerTemporalModel(channels, channels / headDim, headDim,
                        trunk.normNumGroups()));
            }
        }
    }

    /** The number of slots (one per skip). */
    int size() {
        return slots.size();
    }

    /** The transformer of {@code slot}, or null where the slot is Identity. */
    TransformerTemporalModel get(int slot) {
        return slots.get(slot);
    }

    private void add(TransformerTemporalModel transformer) {
        if (transformer != null) {
            child(String.valueOf(slots.size()), transformer);
        }
        slots.add(transformer);
    }
}
