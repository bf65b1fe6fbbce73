/* The course's search ranking (Sphinx html_search_scorer; read by the search page only).
   Sphinx's defaults, with one change: hits on the glossary rank below pages that treat a
   subject at length. A glossary term is an indexed "object", so for a search such as
   "Article 6" it outranked the law page that explains the article. */
var Scorer = {
  score: function (result) {
    var docname = result[0], score = result[4];
    return /(^|\/)glossary$/.test(docname) ? score - 20 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2
};
