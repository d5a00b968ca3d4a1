using NotaGen.Tokenization;

namespace NotaGen.Corpus.Preparation;

/// <summary>
/// How many bar patches NotaGen's tokenizer makes of a prepared piece, uncropped (BOS, header, body with [r:]
/// counters, EOS): the length a trainer with an unlimited context would see, and what decides cropping.
/// </summary>
public static class PatchCounter
{
    private static readonly BarPatchTokenizer Unlimited = new(int.MaxValue);

    public static int Count(string preparedAbc, string source) => Unlimited.EncodeTraining(preparedAbc, null, source).Count;
}
