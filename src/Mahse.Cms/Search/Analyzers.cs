using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Mahse.Cms.Search;

/// <summary>The analyzers Examine uses, built from Lucene.Net's parts, plus an English stemming one.</summary>
public static class Analyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static Analyzer For(IndexAnalyzer analyzer) => analyzer switch
    {
        IndexAnalyzer.EnglishStemming => new EnglishAnalyzer(Version),
        IndexAnalyzer.CultureInvariantWhitespace => CultureInvariantWhitespace(),
        _ => new StandardAnalyzer(Version),
    };

    /// <summary>Whitespace tokens, lower-cased and ASCII-folded (Examine's CultureInvariantWhitespaceAnalyzer).</summary>
    public static Analyzer CultureInvariantWhitespace() => Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new WhitespaceTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    });

    /// <summary>Split on whitespace and '@', lower-cased (Examine's EmailAddressAnalyzer).</summary>
    public static Analyzer EmailAddress() => Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new Lucene.Net.Analysis.Pattern.PatternTokenizer(reader, new System.Text.RegularExpressions.Regex(@"[\s@]+"), -1);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
    });

    /// <summary>The index analyzer with each defined field's own analyzer, as Examine's PerFieldAnalyzerWrapper.</summary>
    public static Analyzer PerField(SearchIndexOptions options)
    {
        var perField = new Dictionary<string, Analyzer>();
        foreach (var field in options.Fields)
        {
            Analyzer? analyzer = field.Type switch
            {
                FieldDefinitionTypes.Raw => new KeywordAnalyzer(),
                FieldDefinitionTypes.InvariantCultureIgnoreCase => CultureInvariantWhitespace(),
                FieldDefinitionTypes.EmailAddress => EmailAddress(),
                _ => null,
            };
            if (analyzer is not null)
            {
                perField[field.Name] = analyzer;
            }
        }

        perField[IndexFieldNames.NodeId] = new KeywordAnalyzer();
        perField[IndexFieldNames.IndexType] = new KeywordAnalyzer();
        perField[IndexFieldNames.ItemType] = new KeywordAnalyzer();
        return new PerFieldAnalyzerWrapper(For(options.Analyzer), perField);
    }
}
