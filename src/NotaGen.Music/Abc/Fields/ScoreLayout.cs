namespace NotaGen.Music.Abc.Fields;

/// <summary>An item of a <c>%%score</c>/<c>%%staves</c> line: a voice id, or a bracketed group.</summary>
public abstract record ScoreItem;

public sealed record ScoreVoice(string Id) : ScoreItem;

/// <summary>
/// A group: <c>( )</c> voices sharing one staff, <c>{ }</c> a braced (piano) system, <c>[ ]</c> a bracketed system.
/// <see cref="BarlinesJoined"/> is false when a <c>|</c> between items says bar lines are not drawn through.
/// </summary>
public sealed record ScoreGroup(char Bracket, IReadOnlyList<ScoreItem> Items) : ScoreItem
{
    public IEnumerable<string> VoiceIds => Items.SelectMany(item => item switch
    {
        ScoreVoice v => [v.Id],
        ScoreGroup g => g.VoiceIds,
        _ => [],
    });
}

/// <summary>A parsed <c>%%score</c> or <c>%%staves</c> directive.</summary>
public sealed record ScoreLayout(IReadOnlyList<ScoreItem> Items)
{
    /// <summary>Every voice id in order of appearance.</summary>
    public IReadOnlyList<string> VoiceIds => new ScoreGroup(' ', Items).VoiceIds.ToList();

    /// <summary>
    /// The staves: each <c>( )</c> group is one staff holding its voices; every other voice is a staff of its own.
    /// (NotaGen's rest_unreduce writes <c>z</c> in the first voice of each staff and <c>x</c> in the others.)
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Staves
    {
        get
        {
            var staves = new List<IReadOnlyList<string>>();
            void Walk(IEnumerable<ScoreItem> items)
            {
                foreach (var item in items)
                {
                    switch (item)
                    {
                        case ScoreVoice v:
                            staves.Add([v.Id]);
                            break;
                        case ScoreGroup { Bracket: '(' } g:
                            staves.Add(g.VoiceIds.ToList());
                            break;
                        case ScoreGroup g:
                            Walk(g.Items);
                            break;
                    }
                }
            }
            Walk(Items);
            return staves;
        }
    }

    /// <summary>Parses the arguments of the directive; unbalanced brackets are closed (and reported) rather than refused.</summary>
    public static ScoreLayout Parse(string arguments, out string? error)
    {
        error = null;
        var stack = new Stack<(char Bracket, List<ScoreItem> Items)>();
        var top = new List<ScoreItem>();
        var current = top;
        var i = 0;
        while (i < arguments.Length)
        {
            var c = arguments[i];
            if (char.IsWhiteSpace(c) || c is '|' or '*')
            {
                i++;
                continue;
            }
            if (c is '(' or '{' or '[')
            {
                stack.Push((c, current));
                current = [];
                i++;
                continue;
            }
            if (c is ')' or '}' or ']')
            {
                if (stack.Count == 0)
                {
                    error ??= $"'{c}' without an opening bracket in %%score";
                    i++;
                    continue;
                }
                var (bracket, parent) = stack.Pop();
                if (Closing(bracket) != c)
                    error ??= $"'{bracket}' closed by '{c}' in %%score";
                parent.Add(new ScoreGroup(bracket, current));
                current = parent;
                i++;
                continue;
            }
            var start = i;
            while (i < arguments.Length && !char.IsWhiteSpace(arguments[i]) && arguments[i] is not ('(' or ')' or '{' or '}' or '[' or ']' or '|' or '*' or '%'))
                i++;
            if (i == start)
            {
                i = arguments.Length; // a comment
                continue;
            }
            current.Add(new ScoreVoice(arguments[start..i]));
        }
        while (stack.Count > 0)
        {
            var (bracket, parent) = stack.Pop();
            error ??= $"'{bracket}' is never closed in %%score";
            parent.Add(new ScoreGroup(bracket, current));
            current = parent;
        }
        return new ScoreLayout(top);
    }

    private static char Closing(char open) => open switch
    {
        '(' => ')',
        '{' => '}',
        _ => ']',
    };
}
