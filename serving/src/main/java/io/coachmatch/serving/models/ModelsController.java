package io.coachmatch.serving.models;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The registry and the serving version: {@code GET /api/models}. */
@RestController
class ModelsController {

    private final ModelService models;

    ModelsController(ModelService models) {
        this.models = models;
    }

    @GetMapping("/api/models")
    Map<String, Object> models() {
        return models.describe();
    }
}
