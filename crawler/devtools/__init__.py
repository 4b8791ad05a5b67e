"""For maintainers: fixture cases, accuracy, local servers, the synthetic site, markup variants."""
