using NotaGen.Modeling;
using NotaGen.Training.Loop;
using static TorchSharp.torch;

namespace NotaGen.Training.Preference;

/// <summary>
/// DPO-Positive (reference e.3): −log σ(β·[(log πθ(w) − log πref(w)) − (log πθ(l) − log πref(l))]
/// − β·λ·max(0, log πref(w) − log πθ(w))), with sequence log-probabilities summed over every predicted character. The
/// reference model is frozen and run without gradients. NotaGen leaves both models in training mode (dropout on); here
/// the reference runs in eval mode so its log-probabilities are a fixed function of the pair.
/// </summary>
public sealed class DpoPositiveObjective(NotaGenModel policy, NotaGenModel reference, double beta, double lambda)
    : ITrainingObjective<PreferenceBatch>
{
    public ObjectiveResult Compute(PreferenceBatch batch)
    {
        var pieces = batch.Pieces;
        var policyLogProbabilities = policy.SequenceLogProbabilities(pieces.Patches, pieces.Mask, pieces.Styles); // [2]
        Tensor referenceLogProbabilities;
        using (no_grad())
            referenceLogProbabilities = reference.SequenceLogProbabilities(pieces.Patches, pieces.Mask, pieces.Styles);
        return new ObjectiveResult(Loss(policyLogProbabilities, referenceLogProbabilities, beta, lambda), 1, pieces.CharacterCount);
    }

    /// <summary>The loss from [chosen, rejected] log-probabilities of policy and reference.</summary>
    public static Tensor Loss(Tensor policy, Tensor reference, double beta, double lambda)
    {
        var (policyChosen, policyRejected) = (policy[0], policy[1]);
        var (referenceChosen, referenceRejected) = (reference[0], reference[1]);
        var margin = policyChosen - referenceChosen - (policyRejected - referenceRejected);
        var penalty = (referenceChosen - policyChosen).clamp_min(0);
        return -nn.functional.logsigmoid(beta * margin - beta * lambda * penalty);
    }
}
