package org.assessmentruntime.api.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One plugin invocation within a task: which plugin, configured how, against what. Each run of an
 * activity produces exactly one {@link AssessmentResult}.
 *
 * @param id            unique within its task; letters, digits, {@code . _ -}
 * @param title         what it checks, for people; becomes the result's title unless the plugin gives one
 * @param plugin        the plugin to run
 * @param configuration the plugin's configuration as plain JSON values, validated against the plugin's
 *                      {@linkplain PluginDescriptor#configSchema() schema} before the run
 * @param target        what it assesses; {@code null} when the plugin assesses the host it runs on
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Activity(String id, String title, PluginRef plugin, Map<String, Object> configuration,
        Target target) {

    /** Validates and deep-copies the configuration. */
    public Activity {
        Check.id(id, "Activity.id");
        Check.text(title, "Activity.title");
        Check.required(plugin, "Activity.plugin");
        configuration = Check.json(configuration, "Activity.configuration");
    }
}
