using System.Collections;
using System.Text;

namespace NotaGen.Tokenization;

/// <summary>
/// One patch: up to <see cref="PatchVocabulary.PatchSize"/> character ids. A full patch holds exactly 16 ids (text,
/// then an optional EOS id, then PAD ids); only the last patch of a generate-mode encoding may be shorter, because the
/// model is meant to finish it.
/// </summary>
public sealed class Patch : IReadOnlyList<int>, IEquatable<Patch>
{
    private readonly int[] _ids;

    public Patch(IEnumerable<int> ids)
    {
        _ids = ids.ToArray();
        if (_ids.Length > PatchVocabulary.PatchSize)
            throw new ArgumentException($"a patch holds at most {PatchVocabulary.PatchSize} ids, got {_ids.Length}", nameof(ids));
        foreach (var id in _ids)
        {
            if (id is < 0 or >= PatchVocabulary.Size)
                throw new ArgumentException($"id {id} is outside the vocabulary 0..{PatchVocabulary.Size - 1}", nameof(ids));
        }
    }

    /// <summary>The BOS patch: 15 × BOS then EOS.</summary>
    public static Patch Begin { get; } = new(Enumerable.Repeat(PatchVocabulary.Bos, PatchVocabulary.PatchSize - 1).Append(PatchVocabulary.Eos));

    /// <summary>The EOS patch: BOS then 15 × EOS.</summary>
    public static Patch End { get; } = new(Enumerable.Repeat(PatchVocabulary.Eos, PatchVocabulary.PatchSize - 1).Prepend(PatchVocabulary.Bos));

    /// <summary>A patch from a chunk of at most 16 characters, right-padded with PAD unless <paramref name="leaveOpen"/>.</summary>
    public static Patch FromChunk(string chunk, bool leaveOpen = false)
    {
        var ids = chunk.Select(c => (int)c);
        if (!leaveOpen)
            ids = ids.Concat(Enumerable.Repeat(PatchVocabulary.Pad, PatchVocabulary.PatchSize - chunk.Length));
        return new Patch(ids);
    }

    public int this[int index] => _ids[index];

    public int Count => _ids.Length;

    /// <summary>Shorter than a full patch: an unfinished generate-mode patch.</summary>
    public bool IsPartial => _ids.Length < PatchVocabulary.PatchSize;

    /// <summary>NotaGen's end test: the first two ids are BOS, EOS.</summary>
    public bool IsEndPatch => _ids.Length >= 2 && _ids[0] == PatchVocabulary.Bos && _ids[1] == PatchVocabulary.Eos;

    public bool IsBeginPatch => Equals(Begin);

    /// <summary>
    /// NotaGen's <c>patch2chars</c>: the characters up to the first EOS id. PAD and BOS ids before it are kept as
    /// characters 0 and 1, as the reference does (its "skip" branch is a no-op).
    /// </summary>
    public string ToText()
    {
        var text = new StringBuilder(_ids.Length);
        foreach (var id in _ids)
        {
            if (id == PatchVocabulary.Eos)
                break;
            text.Append((char)id);
        }
        return text.ToString();
    }

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_ids).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _ids.GetEnumerator();

    public bool Equals(Patch? other) => other is not null && _ids.AsSpan().SequenceEqual(other._ids);

    public override bool Equals(object? obj) => Equals(obj as Patch);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var id in _ids)
            hash.Add(id);
        return hash.ToHashCode();
    }

    /// <summary>The listing form of tokenizer-example.txt, e.g. <c>'K:G\n&lt;EOS&gt;&lt;PAD&gt;…'</c>.</summary>
    public override string ToString() => PatchListing.Quote(this);
}
