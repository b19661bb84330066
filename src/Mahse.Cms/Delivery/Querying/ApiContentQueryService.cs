using Lucene.Net.Index;
using Lucene.Net.Search;
using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Search;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DeliveryApi;
using LuceneSortField = Lucene.Net.Search.SortField;

namespace Mahse.Cms.Delivery.Querying;

public enum ApiContentQueryStatus
{
    Success,
    SelectorOptionNotFound,
    FilterOptionNotFound,
    SortOptionNotFound,
}

public sealed record ApiContentQueryResult(long Total, IReadOnlyList<Guid> Keys);

/// <summary>
/// Turns fetch/filter/sort into a query on DeliveryApiContentIndex, as Umbraco's ApiContentQueryService does: the
/// handlers (discovered from DI, Umbraco's own interfaces) say which field and values; this builds the Lucene query.
/// Protected items and disallowed content types never come back from a query.
/// </summary>
public sealed class ApiContentQueryService(
    IEnumerable<ISelectorHandler> selectors,
    IEnumerable<IFilterHandler> filters,
    IEnumerable<ISortHandler> sorts,
    IndexManager indexes,
    IOptions<DeliveryApiSettings> settings)
{
    public Attempt<ApiContentQueryResult, ApiContentQueryStatus> Query(
        string? fetch, IReadOnlyList<string> filterValues, IReadOnlyList<string> sortValues, Guid? startItem, int skip, int take, MemberIdentity? member = null)
    {
        var query = new BooleanQuery();
        if (!string.IsNullOrWhiteSpace(fetch))
        {
            var handler = selectors.FirstOrDefault(s => s.CanHandle(fetch));
            if (handler is null)
            {
                return Fail(ApiContentQueryStatus.SelectorOptionNotFound);
            }

            query.Add(AnyOf(handler.BuildSelectorOption(fetch).FieldName, handler.BuildSelectorOption(fetch).Values), Occur.MUST);
        }
        else if (startItem is { } start)
        {
            query.Add(AnyOf("ancestorIds", [start.ToString("D")]), Occur.MUST);
        }

        foreach (var filter in filterValues.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            var handler = filters.FirstOrDefault(h => h.CanHandle(filter));
            if (handler is null)
            {
                return Fail(ApiContentQueryStatus.FilterOptionNotFound);
            }

            var option = handler.BuildFilterOption(filter);
            var clause = FilterQuery(option, out var occur);
            if (clause is null)
            {
                return Fail(ApiContentQueryStatus.FilterOptionNotFound);
            }

            query.Add(clause, occur);
        }

        var sortFields = new List<LuceneSortField>();
        foreach (var sort in sortValues.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            var handler = sorts.FirstOrDefault(h => h.CanHandle(sort));
            if (handler is null)
            {
                return Fail(ApiContentQueryStatus.SortOptionNotFound);
            }

            var option = handler.BuildSortOption(sort);
            var type = indexes.DeliveryApi.Options.TypeOf(option.FieldName);
            sortFields.Add(type switch
            {
                FieldDefinitionTypes.FullTextSortable => new LuceneSortField(IndexFieldNames.SortPrefix + option.FieldName, SortFieldType.STRING, option.Direction == Direction.Descending),
                FieldDefinitionTypes.Double => new LuceneSortField(option.FieldName, SortFieldType.DOUBLE, option.Direction == Direction.Descending),
                _ => new LuceneSortField(option.FieldName, SortFieldType.INT64, option.Direction == Direction.Descending),
            });
        }

        // Protected items are silently left out unless the member may read them (by group or by name), as Umbraco does.
        if (member is null)
        {
            query.Add(new TermQuery(new Term("protected", "y")), Occur.MUST_NOT);
        }
        else
        {
            var visible = new BooleanQuery { { new TermQuery(new Term("protected", "n")), Occur.SHOULD } };
            foreach (var term in PublicAccessRules.AccessTerms(member))
            {
                visible.Add(new TermQuery(new Term("protectedAccess", term)), Occur.SHOULD);
            }

            query.Add(visible, Occur.MUST);
        }
        foreach (var disallowed in settings.Value.DisallowedContentTypeAliases)
        {
            query.Add(new TermQuery(new Term("contentType", disallowed)), Occur.MUST_NOT);
        }

        // Everything, when nothing narrows it: a query of only MUST_NOT clauses matches nothing in Lucene. Added only
        // then, because ANDing all documents into a filtered query costs a third of its time.
        if (!query.Clauses.Any(c => c.Occur == Occur.MUST))
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        // A sorted page needs no relevance, so skip scoring.
        Query search = sortFields.Count > 0 ? new ConstantScoreQuery(query) : query;

        var result = indexes.DeliveryApi.Search(searcher =>
        {
            var numHits = LuceneIndex.HitsToCollect(searcher, skip, take);
            var collector = sortFields.Count == 0
                ? (ITopDocsCollector)TopScoreDocCollector.Create(numHits, true)
                : TopFieldCollector.Create(new Sort([.. sortFields]), numHits, false, false, false, false);
            searcher.Search(search, collector);
            var page = collector.GetTopDocs(skip, take);
            var keys = page.ScoreDocs.Select(d => Guid.Parse(LuceneIndex.RawValue(searcher, d.Doc, "itemId")!)).ToList();
            // The collector's count, not the page's: a page of take=0 reports no hits but the total still counts.
            return new ApiContentQueryResult(collector.TotalHits, keys);
        });
        return Attempt.SucceedWithStatus(ApiContentQueryStatus.Success, result);
    }

    private Query? FilterQuery(FilterOption option, out Occur occur)
    {
        occur = option.Operator is FilterOperation.IsNot or FilterOperation.DoesNotContain ? Occur.MUST_NOT : Occur.MUST;
        var type = indexes.DeliveryApi.Options.TypeOf(option.FieldName);
        if (type == FieldDefinitionTypes.DateTime)
        {
            var date = DocumentBuilder.ToDate(option.Values.FirstOrDefault() ?? "");
            if (date is null)
            {
                return null;
            }

            var ticks = date.Value.Ticks;
            return option.Operator switch
            {
                FilterOperation.GreaterThan => NumericRangeQuery.NewInt64Range(option.FieldName, ticks, null, false, true),
                FilterOperation.GreaterThanOrEqual => NumericRangeQuery.NewInt64Range(option.FieldName, ticks, null, true, true),
                FilterOperation.LessThan => NumericRangeQuery.NewInt64Range(option.FieldName, null, ticks, true, false),
                FilterOperation.LessThanOrEqual => NumericRangeQuery.NewInt64Range(option.FieldName, null, ticks, true, true),
                _ => NumericRangeQuery.NewInt64Range(option.FieldName, ticks, ticks, true, true),
            };
        }

        if (option.Operator is FilterOperation.Contains or FilterOperation.DoesNotContain)
        {
            // "Contains" on the analysed name: every word of a value must start a word of the name.
            var any = new BooleanQuery();
            foreach (var value in option.Values)
            {
                var all = new BooleanQuery();
                foreach (var token in indexes.DeliveryApi.CreateQuery().Tokens(option.FieldName, value))
                {
                    all.Add(new PrefixQuery(new Term(option.FieldName, token)), Occur.MUST);
                }

                any.Add(all, Occur.SHOULD);
            }

            return any;
        }

        return AnyOf(option.FieldName, option.Values);
    }

    private static Query AnyOf(string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values)
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        return any;
    }

    private static Attempt<ApiContentQueryResult, ApiContentQueryStatus> Fail(ApiContentQueryStatus status) =>
        Attempt.FailWithStatus(status, new ApiContentQueryResult(0, []));
}
