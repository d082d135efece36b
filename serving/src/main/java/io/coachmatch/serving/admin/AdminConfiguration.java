package io.coachmatch.serving.admin;

import io.coachmatch.serving.config.AdminSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminSettings settings) {
        FilterRegistrationBean<AdminTokenFilter> reg = new FilterRegistrationBean<>(new AdminTokenFilter(settings));
        reg.addUrlPatterns("/admin/*");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return reg;
    }
}
