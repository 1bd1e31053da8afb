package io.github.telegrammcp.mcp;

import jakarta.inject.Singleton;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;

import io.quarkiverse.mcp.server.runtime.SchemaGeneratorConfigCustomizer;

/**
 * Whole-number tool parameters are declared as {@link Number}, so that the extension hands over the value exactly as
 * sent (an {@code Integer} or {@code Long} parameter would silently wrap 4294967299 to 3); their JSON schema still says
 * {@code integer}, and {@link ToolGuard#wholeNumber} checks the value and its range.
 */
@Singleton
public class WholeNumberSchema implements SchemaGeneratorConfigCustomizer {

    @Override
    public void customize(SchemaGeneratorConfigBuilder builder) {
        builder.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> javaType
                .getErasedType() == Number.class
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "integer"),
                                CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES)
                        : null);
    }
}
