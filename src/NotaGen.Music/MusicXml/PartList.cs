
namespace NotaGen.Music.MusicXml;

/// <summary>
/// The part-list as a tree of part groups, turned into ABC's <c>%%score</c> line (brackets, braces, barline groups)
/// and the part names that become <c>nm=</c>/<c>snm=</c>. Broken part-lists (missing or doubled group stops) are repaired.
/// </summary>
internal static class PartList
{
    private abstract record Node;
    private sealed record PartNode(string Name, string Abbreviation) : Node;
    private sealed record GroupNode(List<Node> Members, string Symbol, string Barline, string Name, string Abbreviation) : Node;

    public static (string Score, List<(string Name, string Abbreviation)> Names) Build(TreeElement? partList, List<List<List<int>>> staffMap)
    {
        var staves = new List<string>();
        var names = new List<(string, string)>();
        if (partList is null)
            return ("", names);
        var tree = Parse(Repair(partList.Value));
        var remaining = new Queue<List<List<int>>>(staffMap);
        foreach (var node in tree)
        {
            if (!Emit(node, ("", ""), false, remaining, names, staves))
                break; // more parts listed than present: the reference stops there too
        }
        return (staves.Count > 1 ? string.Join(" ", staves) : "", names);
    }

    /// <summary>The part list's groups and parts, each group closed once; null is a stop the repair adds.</summary>
    private static List<TreeElement?> Repair(TreeElement partList)
    {
        var result = new List<TreeElement?>();
        var open = new List<string>();
        foreach (var x in partList.Elements())
        {
            if (x.LocalName == "part-group")
            {
                var number = x.Attr("number", "1");
                if (x.Attr("type") == "start")
                {
                    if (open.Contains(number))
                        result.Add(null);
                    else
                        open.Add(number);
                    result.Add(x);
                }
                else if (open.Remove(number))
                    result.Add(x);
            }
            else if (x.LocalName == "score-part")
                result.Add(x);
        }
        for (var i = open.Count - 1; i >= 0; i--)
            result.Add(null);
        return result;
    }

    private static List<Node> Parse(List<TreeElement?> items)
    {
        var root = new List<Node>();
        var stack = new Stack<(List<Node> Members, TreeElement Start)>();
        var current = root;
        foreach (var item in items)
        {
            if (item is { } x && x.LocalName == "score-part")
            {
                current.Add(new PartNode(x.FindText("part-name") ?? "", x.FindText("part-abbreviation") ?? ""));
                continue;
            }
            if (item is { } group && group.Attr("type") == "start")
            {
                stack.Push((current, group));
                current = [];
                continue;
            }
            if (stack.Count == 0)
                continue;
            var (parent, start) = stack.Pop();
            parent.Add(new GroupNode(current, start.FindText("group-symbol") ?? "", start.FindText("group-barline") ?? "",
                start.FindText("group-name") ?? "", start.FindText("group-abbreviation") ?? ""));
            current = parent;
        }
        while (stack.Count > 0)
        {
            var (parent, start) = stack.Pop();
            parent.Add(new GroupNode(current, start.FindText("group-symbol") ?? "", start.FindText("group-barline") ?? "",
                start.FindText("group-name") ?? "", start.FindText("group-abbreviation") ?? ""));
            current = parent;
        }
        return root;
    }

    private static bool Emit(Node node, (string Name, string Abbreviation) groupName, bool bar, Queue<List<List<int>>> staffMap,
        List<(string, string)> names, List<string> staves)
    {
        switch (node)
        {
            case PartNode part:
                if (!staffMap.TryDequeue(out var staffsOfPart))
                    return false;
                names.Add(groupName.Name.Length > 0
                    ? (groupName.Name + ":" + part.Name, groupName.Abbreviation + ":" + part.Abbreviation)
                    : (part.Name, part.Abbreviation));
                staves.AddRange(Brace(staffsOfPart));
                return true;
            case GroupNode { Members: [PartNode only] } lone:
                // A group around a single part only adds its name to the part's.
                if (!staffMap.TryDequeue(out var staffsOfLone))
                    return false;
                names.Add((only.Name + ":" + lone.Name, only.Abbreviation + ":" + lone.Abbreviation));
                staves.AddRange(Brace(staffsOfLone));
                return true;
            case GroupNode group:
                var withBar = group.Barline == "yes" || bar;
                staves.Add(group.Symbol == "brace" ? "{" : "[");
                foreach (var member in group.Members)
                {
                    if (!Emit(member, (group.Name, group.Abbreviation), withBar, staffMap, names, staves))
                        return false;
                    if (withBar)
                        staves.Add("|");
                }
                if (withBar && group.Members.Count > 0)
                    staves.RemoveAt(staves.Count - 1);
                staves.Add(group.Symbol == "brace" ? "}" : "]");
                return true;
            default:
                return true;
        }
    }

    /// <summary>A multi-staff part is braced; voices sharing a staff are parenthesised.</summary>
    private static List<string> Brace(List<List<int>> part)
    {
        var brace = new List<string>();
        if (part.Count == 0)
            return brace;
        foreach (var voices in part)
        {
            if (voices.Count == 1)
                brace.Add(voices[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
            else
            {
                brace.Add("(");
                brace.AddRange(voices.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                brace.Add(")");
            }
            brace.Add("|");
        }
        brace.RemoveAt(brace.Count - 1);
        if (part.Count > 1)
        {
            brace.Insert(0, "{");
            brace.Add("}");
        }
        return brace;
    }
}
