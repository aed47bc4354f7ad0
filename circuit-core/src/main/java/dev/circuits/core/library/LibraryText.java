package dev.circuits.core.library;

import java.util.Map;

/**
 * The {@code .circ} sources of rust_circuit's module library ({@code module_library.py}), verbatim,
 * with its symbolic sizes written as {@code {HIDDEN}} etc. until {@link #sized} fills them in.
 */
final class LibraryText {
  /** rust_circuit's {@code symbolic_sizes()} in module_library's order: HIDDEN is 0s, SEQ 1s... */
  static final Map<String, String> SIZES = Map.ofEntries(
      Map.entry("HIDDEN", "0s"), Map.entry("OUT_HIDDEN", "0s"), Map.entry("SEQ", "1s"),
      Map.entry("SEQ_Q", "2s"), Map.entry("SEQ_K", "3s"), Map.entry("HEADS", "4s"),
      Map.entry("MLP_PROJ", "5s"), Map.entry("BILINEAR_MLP_PROJ", "6s"),
      Map.entry("BILINEAR_MLP_PROJ*2", "2*6s"), Map.entry("QK_DIM", "7s"),
      Map.entry("V_DIM", "8s"), Map.entry("LOG_LIKELYHOOD_CLASSES", "9s"),
      Map.entry("VOCAB_SIZE", "10s"), Map.entry("HALF_ROTARY_DIM", "11s"));

  private LibraryText() {}

  /** Replaces every {@code {NAME}} by its symbolic size; fails on an unknown placeholder. */
  static String sized(String text) {
    String out = text;
    for (Map.Entry<String, String> e : SIZES.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    int open = out.indexOf('{');
    if (open >= 0) {
      throw new IllegalStateException("unknown placeholder in library text at: "
          + out.substring(open, Math.min(out.length(), open + 30)));
    }
    return out;
  }

  static final String LAYERNORM = sized("""
      'ln.y' Einsum h,->h
        'ln.mean_subbed' Add
          'ln.input' [{HIDDEN}] Symbol 981b4d2a-711b-4a9d-a11c-d859c311e80c
          'ln.neg_mean' Einsum h,z,->z # z is padding dim for add
            'ln.input'
            'ln.neg' [1] Scalar -1
            'ln.c.recip_hidden_size' GeneralFunction reciprocal
              'ln.c.hidden_size' GeneralFunction last_dim_size
                'ln.input'
        'ln.rsqrt' GeneralFunction rsqrt
          'ln.var_p_eps' Add
            'ln.c.eps' [] Scalar 1e-5
            'ln.var' Einsum h,h,->
              'ln.mean_subbed'
              'ln.mean_subbed'
              'ln.c.recip_hidden_size'

      'ln.input'

      'ln' Add
        'ln.w.bias' [{HIDDEN}] Symbol 621c7792-0177-45ab-87c5-7ff1c3bec487
        'ln.y_scaled' Einsum h,h->h
          'ln.y'
          'ln.w.scale' [{HIDDEN}] Symbol 0fa341c3-34b3-4699-847f-08674808b28a

      'ln.w.bias'
      'ln.w.scale'
      """);

  static final String BATCHNORM = sized("""
      'bn.y' Einsum h,h->h
        'bn.mean_subbed' Add
          'bn.input' [{HIDDEN}] Symbol cfe0aa25-1214-4d3e-ad53-417fedbb9b7b
          'bn.neg_mean' Einsum h,->h
            'bn.mean' [{HIDDEN}] Symbol 217403c9-03b6-4444-8f72-de03b95229d0
            'bn.neg' [] Scalar -1
        'bn.rsqrt' GeneralFunction rsqrt
          'bn.var_p_eps' Add
            'bn.c.eps' [] Scalar 1e-5
            'bn.var' [{HIDDEN}] Symbol c4e41ca7-e3ab-429e-81b6-25bb14423fb4

      'bn.input'
      'bn.mean'
      'bn.var'

      # same as ln above, we could dedudup if we wanted
      'bn' Add
        'bn.w.bias' [{HIDDEN}] Symbol 3e861c08-9a74-4348-87df-3752a8557aea
        'bn.y_scaled' Einsum h,h->h
          'bn.y'
          'bn.w.scale' [{HIDDEN}] Symbol ccbac7e0-c931-422b-9724-1e24ab6e9c63

      'bn.w.bias'
      'bn.w.scale'
      """);

  static final String NOT_MASK = """
      'not_mask' Add
        'one' [] Scalar 1.
        'not_mask.neg_mask' Einsum ,->
          'not_mask.input' [] Symbol b46f6370-11e1-4535-aabc-94554c234673
          'neg_one' [] Scalar -1.

      'not_mask.input'
      """;

  static final String RAW_ATTENTION = sized("""
      'a.head' Einsum sV,dV->sd
        'a.comb_v' Einsum qk,kV->qV
          'a.attn_probs' GeneralFunction softmax
            'a.attn_scores' Add
              'a.attn_scores_raw' [{SEQ_Q}, {SEQ_K}] Einsum qc,kc,,qk->qk
                'a.q_p_bias' [{SEQ_Q}, {QK_DIM}] Add
                  'a.q' Einsum qd,cd->qc
                    'a.q.input' [{SEQ_Q}, {HIDDEN}] Symbol 4f80d1a1-86a4-4e44-94f7-909ec7089061
                    'a.w.q_h' [{QK_DIM}, {HIDDEN}] Symbol 665efa60-d86c-40d5-92b2-b96d11686a8b
                  'a.w.q_bias_h' [{QK_DIM}] Symbol 7d531f53-6cce-4bf3-82db-5fe8b2eef974
                'a.k_p_bias' [{SEQ_K}, {QK_DIM}] Add
                  'a.k' Einsum kd,cd->kc
                    'a.k.input' [{SEQ_K}, {HIDDEN}] Symbol 664bddee-28ca-47e7-9fb7-9a718de06619
                    'a.w.k_h' [{QK_DIM}, {HIDDEN}] Symbol 41177709-446d-4588-b9e5-c2bbf59d53a0
                  'a.w.k_bias_h' [{QK_DIM}] Symbol a891aae4-3c24-4713-afc7-8b954c6fc1b5
                'a.c.div_head_size' GeneralFunction rsqrt
                  'a.c.head_size' GeneralFunction last_dim_size
                    'a.c.bias_for_head_size' [{QK_DIM}] Einsum jk->j # size on this line is just asserted
                      'a.w.k_h' [{QK_DIM}, {HIDDEN}]
                # mask is true at where positions *are* allowed. (This differs from old pos_mask code)
                'a.mask' [{SEQ_Q}, {SEQ_K}] Symbol ccfe5bc9-b402-42dd-a5e1-191e6fb7c268
              'a.score_neg_inf_bias' Einsum qk,->qk
                'a.not_mask' Module
                  'not_mask'
                  'a.mask' ! 'not_mask.input'
                'a.neg_inf' [] Scalar -10_000.0
          'a.v_p_bias' Add
            'a.v' Einsum kd,Vd->kV
              'a.v.input' [{SEQ_K}, {HIDDEN}] Symbol 8fd4c632-7f28-49ee-84cc-3dde997e0693
              'a.w.v_h' [{V_DIM}, {HIDDEN}] Symbol 79b6ebff-f9d0-411a-bcdc-530cc13e1524
            'a.w.v_bias_h' [{V_DIM}] Symbol dfb2c4ec-9378-40ee-a360-7d58f2b96954
        'a.w.o_h' [{OUT_HIDDEN}, {V_DIM}] Symbol 11a116cb-2168-4725-a06f-1b61a8ca6797

      'a.q.input'
      'a.k.input'
      'a.v.input'
      'a.mask'
      'a.w.q_h'
      'a.w.q_bias_h'
      'a.w.k_h'
      'a.w.k_bias_h'
      'a.w.v_h'
      'a.w.v_bias_h'
      'a.w.o_h'


      'a.head.on_inp' Module
        'a.head'
        'a.qk_input' Add ! 'a.q.input'
          'a.input' [{SEQ}, {HIDDEN}] Symbol f9eabd07-e2ab-4ed4-8b4a-c9c039d61835
          'a.pos_input' [{SEQ}, {HIDDEN}] Symbol eab8313e-d910-4174-8dbe-c612954eec34
        'a.qk_input' ! 'a.k.input'
        'a.input' ! 'a.v.input'

      'a.input'
      'a.pos_input'

      'a.p_bias' Add
        'a' Einsum hsd->sd # reduce head dim
          # batch over head
          'a.heads' Module
            'a.head.on_inp'
            'a.w.q' [{HEADS}, {QK_DIM}, {HIDDEN}] Symbol cf8f9c58-1875-45b0-8007-66b66b8a405a ! 'a.w.q_h'
            'a.w.q_bias' [{HEADS}, {QK_DIM}] Symbol e896a43e-ba35-43d5-97e7-e189caf3278b ! 'a.w.q_bias_h'
            'a.w.k' [{HEADS}, {QK_DIM}, {HIDDEN}] Symbol c342f1cd-71e6-4848-86b4-1c3ffdd46753 ! 'a.w.k_h'
            'a.w.k_bias' [{HEADS}, {QK_DIM}] Symbol 13465b29-c28a-4d55-8a27-22c26cc01c69 ! 'a.w.k_bias_h'
            'a.w.v' [{HEADS}, {V_DIM}, {HIDDEN}] Symbol a90db69c-f4ad-47d6-8b76-faa4b107dacd ! 'a.w.v_h'
            'a.w.v_bias' [{HEADS}, {V_DIM}] Symbol ea64ee26-2438-4aa9-b777-0ef4f5f70e74 ! 'a.w.v_bias_h'
            'a.w.o' [{HEADS}, {OUT_HIDDEN}, {V_DIM}] Symbol 24e0e5cf-8b68-4bf2-b198-17237523b237 ! 'a.w.o_h'
        'a.w.o_bias' [{OUT_HIDDEN}] Symbol 61d54061-63e2-4a5d-9c7a-15c1ecc53b95

      'a.w.q'
      'a.w.q_bias'
      'a.w.k'
      'a.w.k_bias'
      'a.w.v'
      'a.w.v_bias'
      'a.w.o'
      'a.w.o_bias'


      # We split into two pieces so we can apply rotary positional embeddings to only the first.
      # Also, we use HALF_ROTARY_DIM to enforce that the rotary dim is even.
      'qk_with_rot' [{SEQ}, {QK_DIM}] SetSymbolicShape
        'qk_with_rot.re' [{SEQ}, 2*2*{HALF_ROTARY_DIM}] Rearrange q s:2 e:2 rh -> q (s:2 e:2 rh)
          'qk_with_rot.cat' [{SEQ}, 2, 2, {HALF_ROTARY_DIM}] Concat 1
            'qk_with_rot.q_rot' Rearrange q e rh -> q 1 e rh
              'qk_rot' [{SEQ}, 2, {HALF_ROTARY_DIM}] GeneralFunction apply_rotary_pos_emb at rust_circuit.generalfuncs.rotary_pos_emb:ApplyRotaryPosEmb
                'qk_rot.inp' Index [:, 0]
                  'qk_split' [{SEQ}, 2, 2, {HALF_ROTARY_DIM}] Rearrange q (s:2 e:2 rh) -> q s:2 e:2 rh
                    'qk_split.set' [{SEQ}, 2*2*{HALF_ROTARY_DIM}] SetSymbolicShape
                      # q or k
                      'qk' [{SEQ}, {QK_DIM}] Symbol 442c7d04-1948-4904-b96a-5c0acf22f19c
            'qk_with_rot.q_pass' Index [:, 1:]
              'qk_split'

      # Most of the below is copied from a.head; could factor into a module but backcompat is annoying

      'a_rope.head' Einsum sV,dV->sd
        'a_rope.comb_v' Einsum qk,kV->qV
          'a_rope.attn_probs' GeneralFunction softmax
            'a_rope.attn_scores' Add
              'a_rope.attn_scores_raw' Einsum qc,kc,,qk->qk
                'a_rope.q' Module
                  'qk_with_rot'
                  'a.q_p_bias' ! 'qk'
                'a_rope.k' Module
                  'qk_with_rot'
                  'a.k_p_bias' ! 'qk'
                'a.c.div_head_size'
                'a.mask'
              'a.score_neg_inf_bias'
          'a.v_p_bias'
        'a.w.o_h'

      'a_rope.head.on_inp' Module
        'a_rope.head'
        'a.qk_input' ! 'a.q.input'
        'a.qk_input' ! 'a.k.input'
        'a.input' ! 'a.v.input'

      'a_rope.p_bias' Add
        'a_rope' Einsum hsd->sd # reduce head dim
          # batch over head
          'a_rope.heads' Module
            'a_rope.head.on_inp'
            'a.w.q' ! 'a.w.q_h'
            'a.w.q_bias' ! 'a.w.q_bias_h'
            'a.w.k' ! 'a.w.k_h'
            'a.w.k_bias' ! 'a.w.k_bias_h'
            'a.w.v' ! 'a.w.v_h'
            'a.w.v_bias' ! 'a.w.v_bias_h'
            'a.w.o' ! 'a.w.o_h'
        'a.w.o_bias'
      """);

  static final String BILINEAR_MLP = sized("""
      'm.p_bias' Add
        'm' Einsum h,h,oh->o
          'm.pre0' Index [0,:]
            'm.fold_pre' Rearrange (a:2 b) -> a:2 b
              'm.pre_p_bias' Add
                'm.pre' Einsum i,hi->h
                  'm.input'
                  'm.w.proj_in' [{BILINEAR_MLP_PROJ*2}, {HIDDEN}] Symbol c171d519-8793-4a8b-ac5e-d550347f30a6
                'm.w.in_bias' [{BILINEAR_MLP_PROJ*2}] Symbol 886b5425-cd19-4db4-871a-c46cb1a23114
          'm.pre1' Index [1,:]
            'm.fold_pre'
          'm.w.proj_out' [{OUT_HIDDEN}, {BILINEAR_MLP_PROJ}] Symbol e61637eb-9f17-4325-b2c2-5eb2518026cf
        'm.w.out_bias' [{OUT_HIDDEN}] Symbol 7efddf2e-20af-492c-a94e-1d19468f333f

      'm.w.proj_in'
      'm.w.in_bias'
      'm.w.proj_out'
      'm.w.out_bias'
      """);

  static final String LOG_LIKELIHOOD = sized("""
      'll' GeneralFunction gen_index_at_0_batch_x_c
        'log_probs' GeneralFunction log_softmax
          'll.input' [{LOG_LIKELYHOOD_CLASSES}] Symbol b9d111e5-b793-4f63-84a0-2f8590b9f39c
        'll.label' [] Symbol 74c503b9-fe2c-4f8b-9350-7351a292c351

      'll.input'
      'll.label'

      'nll' Einsum ,->
        'll'
        'nll.neg' [] Scalar -1
      """);

  /** {@code get_pointwise_mlp}'s text for activation {@code function}. */
  static String pointwiseMlp(String function) {
    return sized("""
        'm.p_bias' Add
          'm' Einsum h,oh->o
            'm.act' GeneralFunction {function_str}
              'm.pre' Add
                'm.pre_mul' Einsum i,hi->h
                  'm.input'
                  'm.w.proj_in' [{MLP_PROJ}, {HIDDEN}] Symbol 5217f963-0cdb-460e-bb1f-f82f7fbb3cd9
                'm.w.in_bias' [{MLP_PROJ}] Symbol c870ec00-8c6f-4080-907c-703ea85dde48
            'm.w.proj_out' [{OUT_HIDDEN}, {MLP_PROJ}] Symbol fdefa9af-a7d6-4a38-a7ed-5ce816c6efe7
          'm.w.out_bias' [{OUT_HIDDEN}] Symbol 113c30ba-fa88-4f34-a301-ea7912e03064

        'm.input'
        'm.w.proj_in'
        'm.w.in_bias'
        'm.w.proj_out'
        'm.w.out_bias'
        """.replace("{function_str}", function));
  }
}
