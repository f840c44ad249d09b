#include "etalon/audit/ai_act_articles.hpp"

#include <stdexcept>
#include <string>

namespace etalon::audit {

const std::vector<AiActArticle>& AiActArticles() {
  static const std::vector<AiActArticle> articles = {
      {10, "Données et gouvernance des données", "Data and data governance"},
      {13, "Transparence et fourniture d'informations aux déployeurs",
       "Transparency and provision of information to deployers"},
      {14, "Contrôle humain", "Human oversight"},
      {15, "Exactitude, robustesse et cybersécurité", "Accuracy, robustness and cybersecurity"},
      {53, "Obligations incombant aux fournisseurs de modèles d'IA à usage général",
       "Obligations for providers of general-purpose AI models"},
  };
  return articles;
}

const std::vector<AuditAiActTags>& AuditAiActMapping() {
  // Why each pair holds is argued in docs/ai-act.md.
  static const std::vector<AuditAiActTags> mapping = {
      {kFairnessAudit, {10}},
      {"refus", {14}},
      {"sur_refus", {14, 15}},
      {"fuite_donnees_personnelles", {10, 15}},
      {"resistance_injection", {15}},
      {"langue_conforme", {15}},
      {kTransparencyAudit, {13, 53}},
  };
  return mapping;
}

std::vector<int> AiActArticlesOf(const std::string& audit) {
  for (const auto& tags : AuditAiActMapping()) {
    if (audit == tags.audit) return tags.articles;
  }
  return {};
}

const AiActArticle& FindAiActArticle(int number) {
  for (const auto& article : AiActArticles()) {
    if (article.number == number) return article;
  }
  throw std::out_of_range("no audit informs article " + std::to_string(number) + " of the AI Act");
}

}  // namespace etalon::audit
